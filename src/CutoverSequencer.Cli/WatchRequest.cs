namespace CutoverSequencer.Cli;

/// <summary><c>watch</c>: what the command line asked for, its values already parsed.</summary>
internal sealed record WatchRequest
{
    public required string ConfigPath { get; init; }

    /// <summary>Where the status file and reports go; null: a new folder under reports/.</summary>
    public string? ReportDirectory { get; init; }

    public bool Force { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>When the watch ends by itself (null: when interrupted).</summary>
    public DateTimeOffset? Until { get; init; }

    public DateTimeOffset? CutoverAt { get; init; }

    /// <summary>--threshold as a fraction of each margin.</summary>
    public double Threshold { get; init; } = Core.Watch.WatchSettings.DefaultThreshold;

    public bool FailOnLow { get; init; }

    public bool ReAdvance { get; init; }

    /// <summary>The live table on an interactive terminal; null: plain log lines per round.</summary>
    public TerminalProgress? Display { get; init; }

    public bool Verbose { get; init; }

    public RunOutcome? Outcome { get; init; }
}
