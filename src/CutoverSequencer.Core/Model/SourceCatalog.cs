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

    /// <summary>
    /// The name the sequence gets in PostgreSQL: Oracle stores unquoted names in upper case, so an
    /// all-upper name folds to lower case; a name created quoted in mixed case stays exact.
    /// </summary>
    public string PostgresName => FoldOracleName(Name);

    public static string FoldOracleName(string oracleName) =>
        oracleName == oracleName.ToUpperInvariant() ? oracleName.ToLowerInvariant() : oracleName;
}

/// <summary>Everything read from the source side in one capture.</summary>
public sealed record SourceCatalog(
    string Kind,
    string Description,
    IReadOnlyList<SourceSequence> Sequences,
    DateTimeOffset? CapturedAt = null,
    string? CurrentScn = null,
    string? DatabaseVersion = null)
{
    public static SourceCatalog Empty(string description) => new("none", description, []);
}
