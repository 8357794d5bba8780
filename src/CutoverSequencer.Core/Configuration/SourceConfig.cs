namespace CutoverSequencer.Core.Configuration;

/// <summary>The source section; <see cref="Kind"/> is the registered name of source.kind.</summary>
public sealed record SourceConfig(
    string Kind,
    string? ExportDirectory,
    string? ConnectionString,
    IReadOnlyList<string> Schemas)
{
    /// <summary>oracle: the Oracle.ManagedDataAccess.dll to load when the build does not bundle it.</summary>
    public string? DriverPath { get; init; }

    /// <summary>
    /// Source owner (as the source stores it) → PostgreSQL schema; unlisted owners map to target.schema.
    /// </summary>
    public IReadOnlyDictionary<string, string> SchemaMapping { get; init; } = new Dictionary<string, string>();

    /// <summary>Fold Oracle's upper-case names to lower case (the default), or keep them as stored.</summary>
    public bool FoldNamesToLower { get; init; } = true;
}
