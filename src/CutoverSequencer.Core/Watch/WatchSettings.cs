namespace CutoverSequencer.Core.Watch;

/// <summary>What the watch alerts on: --threshold (a fraction of each margin) and --cutover-at.</summary>
public sealed record WatchSettings(double Threshold, DateTimeOffset? CutoverAt = null)
{
    public const double DefaultThreshold = 0.25;

    /// <summary>How many recent readings the rate is fitted over (least squares).</summary>
    public int RateWindow { get; init; } = 5;
}
