using System.Numerics;

namespace CutoverSequencer.Core.Model;

/// <summary>
/// One source sequence as the source dictionary describes it. Values are <see cref="BigInteger"/>
/// because Oracle NUMBER holds 28 digits (NOMAXVALUE is 9999999999999999999999999999).
/// </summary>
public sealed record SourceSequence(
    string Owner,
    string Name,
    BigInteger MinValue,
    BigInteger MaxValue,
    BigInteger IncrementBy,
    bool Cycle,
    bool Order,
    BigInteger CacheSize,
    BigInteger LastNumber,
    bool Scalable,
    bool SessionScoped,
    string Location)
{
    public string FullName => $"{Owner}.{Name}";
}

/// <summary>An Oracle identity column and the system sequence (ISEQ$$_n) behind it.</summary>
public sealed record SourceIdentityColumn(string Owner, string Table, string Column, string GenerationType, string? SequenceName, string Location);

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

/// <summary>A column's Oracle type, for key-type analysis.</summary>
public sealed record SourceColumn(string Owner, string Table, string Column, string DataType, int? DataLength, int? CharLength, string Location);

/// <summary>One sampled value of a column (GUID detection).</summary>
public sealed record SourceValueSample(string Owner, string Table, string Column, string? Value);

/// <summary>Everything read from the source side in one capture.</summary>
public sealed record SourceCatalog(
    string Kind,
    string Description,
    IReadOnlyList<SourceSequence> Sequences,
    DateTimeOffset? CapturedAt = null,
    string? CurrentScn = null,
    string? DatabaseVersion = null)
{
    public IReadOnlyList<SourceIdentityColumn> IdentityColumns { get; init; } = [];

    public IReadOnlyList<SourceTrigger> Triggers { get; init; } = [];

    public IReadOnlyList<SourceColumn> Columns { get; init; } = [];

    public IReadOnlyList<SourceValueSample> Samples { get; init; } = [];

    /// <summary>Findings about how the catalog was read (for example a fallback from DBA_ to ALL_ views).</summary>
    public IReadOnlyList<Planning.Finding> Findings { get; init; } = [];

    /// <summary>False when nothing was read from a source: no sequence can be missing from it.</summary>
    public bool ProvidesReferenceValues { get; init; } = true;

    public static SourceCatalog Empty(string description) =>
        new("none", description, []) { ProvidesReferenceValues = false };
}
