namespace CutoverSequencer.Core.Rollback;

/// <summary>A <c>rollback</c> run as the command line asks for it.</summary>
public sealed class RollbackRequest
{
    /// <summary>The apply-journal.json to restore from.</summary>
    public required string JournalPath { get; init; }

    /// <summary>The configuration file, as the report names it.</summary>
    public required string ConfigFile { get; init; }

    /// <summary>Where rollback-report.* go; null: a new directory under reports/.</summary>
    public required string? ReportDirectory { get; init; }

    /// <summary>
    /// Restore sequences that moved since apply, and reuse a report directory holding an earlier run's files.
    /// </summary>
    public required bool Force { get; init; }

    /// <summary>How long to wait for the cutover lock (target.lockTimeout).</summary>
    public required TimeSpan LockTimeout { get; init; }

    /// <summary>
    /// Told which earlier files --force moved aside (original path → new path), before anything connects.
    /// </summary>
    public Action<IReadOnlyDictionary<string, string>>? OnMoved { get; init; }
}
