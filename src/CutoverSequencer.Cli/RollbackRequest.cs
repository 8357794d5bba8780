namespace CutoverSequencer.Cli;

/// <summary>rollback: the configuration (for the password), the apply's journal, and where the report goes.</summary>
public sealed record RollbackRequest(string ConfigPath, string JournalPath, bool Force, string? ReportDirectory);
