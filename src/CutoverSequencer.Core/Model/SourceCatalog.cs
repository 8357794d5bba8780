using CutoverSequencer.Core.Findings;

namespace CutoverSequencer.Core.Model;

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

    /// <summary>Stored code that references sequences (packages, procedures, functions, type bodies).</summary>
    public IReadOnlyList<SourceRoutine> Routines { get; init; } = [];

    public IReadOnlyList<SourceValueSample> Samples { get; init; } = [];

    /// <summary>Findings about how the catalog was read (for example a fallback from DBA_ to ALL_ views).</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>False when nothing was read from a source: no sequence can be missing from it.</summary>
    public bool ProvidesReferenceValues { get; init; } = true;

    public static SourceCatalog Empty(string description) =>
        new("none", description, []) { ProvidesReferenceValues = false };
}
