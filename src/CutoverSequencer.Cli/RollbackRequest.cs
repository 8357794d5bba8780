namespace CutoverSequencer.Cli;

/// <summary>rollback: the configuration (for the password), the apply's journal, and where the report goes.</summary>
public sealed record RollbackRequest(string ConfigPath, string JournalPath, bool Force, string? ReportDirectory)
{
    /// <summary>Where the run's status and files are recorded for the result event; null: nowhere.</summary>
    public RunOutcome? Outcome { get; init; }
}
