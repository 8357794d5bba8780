using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Sources;

namespace CutoverSequencer.PostgreSql;

/// <summary>source.kind: postgres — an old primary, a publisher, or the database a copy was taken from.</summary>
public static class PostgresSourceKind
{
    public static SourceKind Kind { get; } = new()
    {
        Name = "postgres",
        Naming = SourceNaming.PostgreSql,
        Reads = ["schemas", "schemaMapping", "connectionString"],
        Requires = ["connectionString"],
        PostgresConnectionString = true,
        Refusals = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["exportDirectory"] =
                "use kind: oracle-export to read an export (source.connectionString is read instead), or remove it",
        },
        CreateReader = (source, _) => new PostgresSource(source.ConnectionString!, source.Schemas),
    };
}
