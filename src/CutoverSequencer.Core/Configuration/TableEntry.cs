using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Configuration;

/// <summary>
/// One configured key: a table column fed by a sequence, or a sequence on its own.
/// Names are already folded the PostgreSQL way; <see cref="Sequence"/> is null when it is to be
/// resolved from the column's default or identity.
/// </summary>
public sealed record TableEntry(
    QualifiedName? Table,
    string? PkColumn,
    QualifiedName? Sequence,
    long? SafetyMargin,
    string? SourceSequence,
    string Location)
{
    /// <summary>Declared source insert rate for this key, used with sequenceAdvancement.catchUpWindow.</summary>
    public double? ExpectedInsertsPerHour { get; init; }

    /// <summary>
    /// How the application allocates keys from the sequence; null: not stated (a plain sequence is assumed
    /// and the planner looks for hilo-shaped keys).
    /// </summary>
    public KeyAllocator? Allocator { get; init; }

    /// <summary>
    /// The hilo block size (keys per sequence value); set exactly when <see cref="Allocator"/> is hilo.
    /// </summary>
    public long? BlockSize { get; init; }

    /// <summary>Finding codes this entry acknowledges (<c>acknowledge: [INCREMENT_MISMATCH]</c>).</summary>
    public IReadOnlyList<string> Acknowledged { get; init; } = [];

    /// <summary>Where the entry comes from: the configuration, or the source analysis that found it.</summary>
    public string Origin { get; init; } = "configuration";

    /// <summary>
    /// Where <see cref="SourceSequence"/> comes from when it is not the entry's own origin: the source
    /// analysis (trigger, identity column) that mapped this table and column too.
    /// </summary>
    public string? SourceOrigin { get; init; }

    /// <summary>
    /// Configured entries must resolve (a missing object blocks); entries found by analysis are
    /// advisory (a missing object is a warning: the table may not have been migrated).
    /// </summary>
    public bool IsConfigured => Origin == "configuration";

    public string Describe() =>
        Table is null ? $"sequence {Sequence}" : $"{Table}.{Identifier.Display(PkColumn!)}";
}
