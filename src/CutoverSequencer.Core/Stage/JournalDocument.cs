namespace CutoverSequencer.Core.Stage;

/// <summary>apply-journal.json: the head of one apply and its entries.</summary>
public sealed record JournalDocument(
    int Version,
    string Target,
    string Config,
    DateTimeOffset StartedAt,
    string Status,
    DateTimeOffset? FinishedAt,
    string? Error,
    IReadOnlyList<JournalEntry> Sequences)
{
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Superseded = "superseded";
    public const string RolledBack = "rolled-back";
}
