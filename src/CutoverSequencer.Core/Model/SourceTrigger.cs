namespace CutoverSequencer.Core.Model;

/// <summary>A trigger with its full text (DBA_SOURCE lines in order).</summary>
public sealed record SourceTrigger(
    string Owner,
    string Name,
    string TableOwner,
    string Table,
    string TriggerType,
    string TriggeringEvent,
    string Status,
    string? ReferencingNames,
    string Text,
    string Location)
{
    public string FullName => $"{Owner}.{Name}";

    public bool Enabled => string.Equals(Status, "ENABLED", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The sequences the trigger depends on (DBA_DEPENDENCIES, as OWNER.NAME), or null when the
    /// dependencies were not read: then the name in the text is checked against the catalog alone.
    /// </summary>
    public IReadOnlyList<string>? ReferencedSequences { get; init; }
}
