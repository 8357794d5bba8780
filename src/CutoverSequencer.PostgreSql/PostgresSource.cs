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
public sealed class PostgresSource(string connectionString, IReadOnlyList<string> schemas)
    : ISourceCatalogReader, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource =
        PostgresConnections.CreateDataSource(connectionString, "source", readOnly: true);
    private readonly string endpoint = PostgresConnections.Describe(connectionString);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public async Task<SourceCatalog> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await PostgresConnections.OpenAsync(dataSource, endpoint, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            const string sql = """
                SELECT n.nspname, c.relname, s.seqmin, s.seqmax, s.seqincrement, s.seqcycle, s.seqcache
                FROM pg_catalog.pg_sequence s
                JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE (pg_catalog.cardinality($1::pg_catalog.text[]) = 0
                       AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%')
                   OR n.nspname = ANY($1)
                ORDER BY n.nspname, c.relname
                """;
            var definitions =
                new List<(string Schema, string Name, long Min, long Max, long Increment, bool Cycle, long Cache)>();
            await using (var command = new NpgsqlCommand(sql, connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = schemas.ToArray() });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    definitions.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                        reader.GetInt64(4), reader.GetBoolean(5), reader.GetInt64(6)));
                }
            }

            var capturedAt = DateTimeOffset.UtcNow;
            var issued = new System.Numerics.BigInteger[definitions.Count];
            var names = definitions.Select(d => (d.Schema, d.Name)).ToList();
            await SequencePositionReader.ReadAllAsync(connection, names, (i, lastValue, called) =>
            {
                // last_value counts values handed to any session's cache, so it bounds what was
                // issued; before the first nextval nothing was issued: one step before the start.
                issued[i] = called ? lastValue : (System.Numerics.BigInteger)lastValue - definitions[i].Increment;
            }, cancellationToken).ConfigureAwait(false);
            var sequences = definitions.Select((d, i) => new SourceSequence(d.Schema, d.Name, d.Min, d.Max, d.Increment,
                d.Cycle, false, d.Cache, issued[i], false, false, $"{endpoint} {d.Schema}.{d.Name}")).ToList();
            var version = connection.PostgreSqlVersion.ToString();
            return new SourceCatalog("postgres", $"postgres {endpoint}", sequences, capturedAt, null,
                $"PostgreSQL {version}");
        }
        catch (NpgsqlException e)
        {
            throw PostgresConnections.Classify(e, endpoint);
        }
    }
}
