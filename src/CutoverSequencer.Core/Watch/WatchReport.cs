namespace CutoverSequencer.Core.Watch;

/// <summary>
/// A watch run: where it looked, how it was asked to watch, and the tracker's rounds and re-advances.
/// <see cref="Status"/> is <c>watching</c> while it runs; at the end <c>ended</c> (until, interrupted),
/// <c>moved-backwards</c>, <c>margin-low</c> (--fail-on low), <c>margin-exhausted</c>, <c>re-advance-failed</c>
/// <c>read-failed</c> or <c>failed</c> (a defect in the tool).
/// </summary>
public sealed record WatchReport(
    string ConfigFile,
    string Source,
    string Target,
    TimeSpan Interval,
    DateTimeOffset? Until,
    bool FailOnLow,
    bool ReAdvance,
    DateTimeOffset StartedAt,
    WatchTracker Tracker)
{
    public const string StatusFile = Reporting.ReportWriter.WatchStatusFile;
    public const string MarkdownFile = Reporting.ReportWriter.WatchMarkdownFile;
    public const string HtmlFile = Reporting.ReportWriter.WatchHtmlFile;
    public const string JsonFile = Reporting.ReportWriter.WatchJsonFile;

    /// <summary>The subfolder prefix of each --re-advance's apply (re-advance-1/, re-advance-2/, ...).</summary>
    public const string ReAdvancePrefix = Reporting.ReportWriter.ReAdvancePrefix;

    public static readonly string[] Files = [StatusFile, MarkdownFile, HtmlFile, JsonFile];

    public string Status { get; init; } = "watching";

    public int? ExitCode { get; init; }

    /// <summary>
    /// Why it ended: until, interrupted, moved-backwards, fail-on-low, re-advance-failed, read-failed.
    /// </summary>
    public string? EndReason { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The error that ended it, when a reading or re-advance failed.</summary>
    public string? Error { get; init; }

    public WatchRound? LastRound => Tracker.Rounds.Count > 0 ? Tracker.Rounds[^1] : null;
}
