using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Stage;

/// <summary>
/// apply-journal.json: the head of one apply and its entries (docs/schemas/apply-journal.schema.json).
/// <see cref="Version"/> is the format this tool reads (1); <see cref="SchemaVersion"/> the schema's version.
/// </summary>
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

    /// <summary>The schema version written; the minor part grows with added fields.</summary>
    public const string CurrentSchemaVersion = "1.0";

    /// <summary>Null in a journal written before the field existed.</summary>
    [JsonPropertyOrder(-2)]
    public string? SchemaVersion { get; init; }

    /// <summary>The tool that wrote the apply (null in a journal written before the field existed).</summary>
    [JsonPropertyOrder(-1)]
    public Runtime.ToolInfo? Tool { get; init; }
}
