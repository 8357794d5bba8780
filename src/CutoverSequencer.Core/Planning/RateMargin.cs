namespace CutoverSequencer.Core.Planning;

/// <summary>
/// How a sequence's margin was derived from its insert rate (seed 7.3: cover the whole catch-up window).
/// </summary>
public sealed record RateMargin(double PerHour, RateBasis Basis, TimeSpan Window, decimal Headroom, long Required,
    long Configured);
