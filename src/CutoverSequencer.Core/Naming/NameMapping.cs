namespace CutoverSequencer.Core.Naming;

/// <summary>
/// How Oracle names become PostgreSQL names: each owner maps to a schema (default: the target's
/// default schema), and names fold to lower case the way an unquoted Oracle name (stored in upper
/// case) reads in PostgreSQL. A name created quoted in mixed case stays exact. With folding off,
/// names are kept as Oracle stores them (for targets created with quoted upper-case names).
/// </summary>
public sealed record NameMapping(
    string DefaultSchema, IReadOnlyDictionary<string, string> Schemas, bool FoldToLower = true)
{
    public static NameMapping Default(string schema) =>
        new(schema, new Dictionary<string, string>(StringComparer.Ordinal));

    public string Schema(string oracleOwner) =>
        Schemas.TryGetValue(oracleOwner, out var schema) ? schema : DefaultSchema;

    public string Name(string oracleName)
    {
        ArgumentNullException.ThrowIfNull(oracleName);
        return FoldToLower && oracleName == oracleName.ToUpperInvariant()
            ? oracleName.ToLowerInvariant()
            : oracleName;
    }

    public QualifiedName Map(string oracleOwner, string oracleName) => new(Schema(oracleOwner), Name(oracleName));
}
