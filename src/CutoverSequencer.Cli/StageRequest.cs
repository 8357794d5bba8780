using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Cli;

/// <summary>plan, apply or verify: what the command line asked for.</summary>
public sealed record StageRequest
{
    public required StageCommand Command { get; init; }

    public required string ConfigPath { get; init; }

    /// <summary>Where the reports go; null: a new folder under reports/.</summary>
    public string? ReportDirectory { get; init; }

    /// <summary>Configuration values that replace the file's and the environment's (demo: the target).</summary>
    public IReadOnlyDictionary<string, string?>? Overrides { get; init; }

    /// <summary>An earlier report (file) or export (directory) to measure rates against.</summary>
    public string? BaselinePath { get; init; }

    /// <summary>plan --out: where the saved plan goes (null: not saved).</summary>
    public string? PlanOut { get; init; }

    /// <summary>apply --plan: the saved plan to apply (null: plan from the live readings).</summary>
    public string? SavedPlanPath { get; init; }

    /// <summary>apply --max-drift, as given (null: half of each margin).</summary>
    public string? MaxDrift { get; init; }

    public bool Strict { get; init; }

    public bool RequireQuiet { get; init; }

    /// <summary>Use a report directory that holds an earlier run's files, moving them aside first.</summary>
    public bool Force { get; init; }

    /// <summary>Where key-read progress goes (the live display); null: periodic log lines.</summary>
    public IProgress<KeyReadProgress>? Progress { get; init; }

    /// <summary>Where the run's status and files are recorded for the result event; null: nowhere.</summary>
    public RunOutcome? Outcome { get; init; }
}
