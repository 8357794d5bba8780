using System.Globalization;
using System.Text;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Stage;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>
/// Reads every sequence of the configured schemas on a source PostgreSQL (an old primary, a
/// publisher, the database a copy was taken from): one catalog query, then last_value/is_called of
/// all of them in UNION ALL batches. Logical replication and pgcopydb-style copies do not carry
/// sequence state, so this is where it comes from. Read-only sessions.
/// </summary>
public sealed class PostgresSource(string connectionString, IReadOnlyList<string> schemas) : ISourceCatalogReader, IAsyncDisposable
{
    private const int ChunkSize = 500;
    private readonly NpgsqlDataSource dataSource = PostgresConnections.CreateDataSource(connectionString, "source", readOnly: true);
    private readonly string endpoint = PostgresConnections.Describe(connectionString);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public async Task<SourceCatalog> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await PostgresConnections.OpenAsync(dataSource, endpoint, cancellationToken).ConfigureAwait(false);
        try
        {
            const string sql = """
                SELECT n.nspname, c.relname, s.seqmin, s.seqmax, s.seqincrement, s.seqcycle, s.seqcache
                FROM pg_catalog.pg_sequence s
                JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE (pg_catalog.cardinality($1::pg_catalog.text[]) = 0 AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%')
                   OR n.nspname = ANY($1)
                ORDER BY n.nspname, c.relname
                """;
            var definitions = new List<(string Schema, string Name, long Min, long Max, long Increment, bool Cycle, long Cache)>();
            await using (var command = new NpgsqlCommand(sql, connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = schemas.ToArray() });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    definitions.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetBoolean(5), reader.GetInt64(6)));
                }
            }

            var capturedAt = DateTimeOffset.UtcNow;
            var sequences = new List<SourceSequence>();
            foreach (var chunk in definitions.Chunk(ChunkSize))
            {
                var union = new StringBuilder();
                for (var i = 0; i < chunk.Length; i++)
                {
                    union.Append(i == 0 ? "" : " UNION ALL ")
                        .Append(CultureInfo.InvariantCulture, $"SELECT {i}, last_value, is_called FROM {Core.Naming.Identifier.Quote(chunk[i].Schema)}.{Core.Naming.Identifier.Quote(chunk[i].Name)}");
                }
#pragma warning disable CA2100 // identifiers come from the catalog and are always quoted
                await using var command = new NpgsqlCommand(union.ToString(), connection);
#pragma warning restore CA2100
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var d = chunk[reader.GetInt32(0)];
                    var lastValue = reader.GetInt64(1);
                    // last_value counts values handed to any session's cache, so it bounds what was
                    // issued; before the first nextval nothing was issued: one step before the start.
                    var issued = reader.GetBoolean(2) ? lastValue : (System.Numerics.BigInteger)lastValue - d.Increment;
                    sequences.Add(new SourceSequence(d.Schema, d.Name, d.Min, d.Max, d.Increment, d.Cycle, false, d.Cache, issued, false, false,
                        $"{endpoint} {d.Schema}.{d.Name}"));
                }
            }
            var version = connection.PostgreSqlVersion.ToString();
            return new SourceCatalog("postgres", $"postgres {endpoint}", sequences, capturedAt, null, $"PostgreSQL {version}");
        }
        catch (NpgsqlException e)
        {
            throw PostgresConnections.Classify(e, endpoint);
        }
    }
}
