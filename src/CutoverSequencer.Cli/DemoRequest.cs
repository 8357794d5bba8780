namespace CutoverSequencer.Cli;

/// <summary>demo: where the reports go; null: a new folder under reports/.</summary>
public sealed record DemoRequest(string? ReportDirectory)
{
    /// <summary>Where the run's status and files are recorded for the result event; null: nowhere.</summary>
    public RunOutcome? Outcome { get; init; }

    /// <summary>Where key-read progress goes (the live display); null: periodic log lines.</summary>
    public IProgress<Core.Stage.KeyReadProgress>? Progress { get; init; }
}
