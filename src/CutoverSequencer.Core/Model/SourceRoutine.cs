namespace CutoverSequencer.Core.Model;

/// <summary>
/// A stored program unit that references a sequence (a package body, procedure, function or type
/// body), with its full text (DBA_SOURCE lines in order).
/// </summary>
public sealed record SourceRoutine(string Owner, string Name, string Type, string Text, string Location)
{
    public string FullName => $"{Owner}.{Name}";

    /// <summary>
    /// The sequences the unit depends on (DBA_DEPENDENCIES, as OWNER.NAME), or null when the dependencies
    /// were not read.
    /// </summary>
    public IReadOnlyList<string>? ReferencedSequences { get; init; }
}
