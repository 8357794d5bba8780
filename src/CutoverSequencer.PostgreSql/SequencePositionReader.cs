using System.Globalization;
using System.Numerics;
using System.Text;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Sequences;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>
/// Every read of sequence positions (<c>last_value, is_called</c>) and, through the same probe
/// statements, of key extremes: target inspection, the PostgreSQL source, apply's read-back, the
/// stride restart and rollback. Sequence names come from the catalog (or a journal) and are always quoted.
/// </summary>
internal static class SequencePositionReader
{
    /// <summary>Probes or positions per statement.</summary>
    public const int ChunkSize = 500;

    /// <summary>
    /// Several chunks of probe queries in one round trip, each its own statement and implicit
    /// transaction (an error barrier after each: its locks are released before the next runs). The
    /// server starts on the next chunk while the rows of the one before are still being read.
    /// </summary>
    public static async Task ProbeAsync(NpgsqlConnection connection, IReadOnlyList<string[]> chunks,
        Action<int, string[]> read, CancellationToken cancellationToken)
    {
        if (chunks.Count == 0)
        {
            return;
        }
        await using var batch = new NpgsqlBatch(connection) { EnableErrorBarriers = true };
        foreach (var queries in chunks)
        {
            var statement = new NpgsqlBatchCommand(ProbeQueries.ProbeSql);
            statement.Parameters.Add(new NpgsqlParameter { Value = queries });
            batch.BatchCommands.Add(statement);
        }
        await using var rows = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < chunks.Count; k++)
        {
            if (k > 0 && !await rows.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"probe statement {k + 1} of {chunks.Count} returned no result");
            }
            var values = new string[chunks[k].Length];
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                values[rows.GetInt64(0) - 1] = rows.GetString(1);
            }
            read(k, values);
        }
    }

    /// <summary>
    /// Current positions of these sequences, on one connection (after a failed apply: what did reach its value).
    /// </summary>
    public static async Task<Dictionary<QualifiedName, TargetSequence>> ReadPositionsAsync(NpgsqlConnection connection,
        IReadOnlyList<TargetSequence> sequences, CancellationToken cancellationToken)
    {
        var result = new Dictionary<QualifiedName, TargetSequence>();
        var chunks = sequences.DistinctBy(s => s.Name).Chunk(ChunkSize).ToList();
        var queries = chunks.Select(chunk => chunk.Select(s => ProbeQueries.ProbeQuery(null, false, s.Name)).ToArray())
            .ToList();
        await ProbeAsync(connection, queries, (k, values) =>
        {
            for (var j = 0; j < chunks[k].Length; j++)
            {
                var (_, last, called) = ProbeQueries.ParseProbe(values[j]);
                result[chunks[k][j].Name] = chunks[k][j] with { LastValue = last, IsCalled = called };
            }
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// The next value of one sequence, read inside the caller's transaction (after its ALTER SEQUENCE,
    /// which locks out nextval until commit).
    /// </summary>
    public static async Task<BigInteger> ReadNextValueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        QualifiedName sequence, long increment, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // catalog identifier, always quoted
        await using var read = new NpgsqlCommand($"SELECT last_value, is_called FROM {sequence.ToSql()}", connection,
            transaction);
#pragma warning restore CA2100
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return SequenceMath.NextValue(reader.GetInt64(0), reader.GetBoolean(1), increment);
    }

    /// <summary>
    /// Positions and current increments of the named sequences; a name that no longer resolves to a
    /// relation is absent from the result.
    /// </summary>
    public static async Task<Dictionary<QualifiedName, SequenceReading>> ReadWithIncrementsAsync(
        NpgsqlConnection connection, IReadOnlyList<QualifiedName> names, CancellationToken cancellationToken)
    {
        var result = new Dictionary<QualifiedName, SequenceReading>();
        var existing = new List<QualifiedName>();
        const string exists = "SELECT pg_catalog.to_regclass(x) IS NOT NULL " +
            "FROM pg_catalog.unnest($1::pg_catalog.text[]) WITH ORDINALITY AS u(x, i) ORDER BY i";
        await using (var check = new NpgsqlCommand(exists, connection))
        {
            check.Parameters.Add(new NpgsqlParameter { Value = names.Select(n => n.ToSql()).ToArray() });
            await using var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var i = 0;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.GetBoolean(0))
                {
                    existing.Add(names[i]);
                }
                i++;
            }
        }
        foreach (var chunk in existing.Chunk(ChunkSize))
        {
            var sql = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                var literal = chunk[i].ToSql().Replace("'", "''", StringComparison.Ordinal);
                sql.Append(i == 0 ? "" : " UNION ALL ").Append(CultureInfo.InvariantCulture,
                    $"SELECT {i}, s.last_value, s.is_called, q.seqincrement " +
                    $"FROM {chunk[i].ToSql()} s, pg_catalog.pg_sequence q " +
                    $"WHERE q.seqrelid = '{literal}'::pg_catalog.regclass");
            }
#pragma warning disable CA2100 // catalog identifiers from the journal, always quoted (and escaped as literals)
            await using var command = new NpgsqlCommand(sql.ToString(), connection);
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result[chunk[reader.GetInt32(0)]] =
                    new SequenceReading(reader.GetInt64(1), reader.GetBoolean(2), reader.GetInt64(3));
            }
        }
        return result;
    }

    /// <summary>
    /// last_value and is_called of each named sequence: on PostgreSQL 18 and later through
    /// pg_get_sequence_data() in one statement, before that in UNION ALL statements of
    /// <see cref="ChunkSize"/>; <paramref name="read"/> gets each row's index into
    /// <paramref name="names"/>.
    /// </summary>
    public static async Task ReadAllAsync(NpgsqlConnection connection,
        IReadOnlyList<(string Schema, string Name)> names,
        Action<int, long, bool> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(read);
        if (connection.PostgreSqlVersion.Major >= 18)
        {
            // PostgreSQL 18: one parameterised statement for every sequence. It yields NULL where the user may
            // not read a sequence: those go through the classic read, which names the refusal.
            var unread = await ReadBySequenceDataAsync(connection, names, read, cancellationToken)
                .ConfigureAwait(false);
            if (unread.Count > 0)
            {
                await ReadByRelationAsync(connection, [.. unread.Select(i => names[i])],
                    (k, lastValue, called) => read(unread[k], lastValue, called), cancellationToken)
                    .ConfigureAwait(false);
            }
            return;
        }
        await ReadByRelationAsync(connection, names, read, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<int>> ReadBySequenceDataAsync(NpgsqlConnection connection,
        IReadOnlyList<(string Schema, string Name)> names, Action<int, long, bool> read,
        CancellationToken cancellationToken)
    {
        const string sql = "SELECT u.i::pg_catalog.int4 - 1, d.last_value, d.is_called " +
            "FROM pg_catalog.unnest($1::pg_catalog.text[]) WITH ORDINALITY AS u(x, i), " +
            "LATERAL pg_catalog.pg_get_sequence_data(u.x::pg_catalog.regclass) AS d ORDER BY u.i";
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = names.Select(n => $"{Identifier.Quote(n.Schema)}.{Identifier.Quote(n.Name)}").ToArray(),
        });
        var unread = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var index = reader.GetInt32(0);
            if (reader.IsDBNull(1) || reader.IsDBNull(2))
            {
                unread.Add(index);
            }
            else
            {
                read(index, reader.GetInt64(1), reader.GetBoolean(2));
            }
        }
        return unread;
    }

    /// <summary>The read every release has: <c>SELECT last_value, is_called FROM</c> each sequence.</summary>
    private static async Task ReadByRelationAsync(NpgsqlConnection connection,
        IReadOnlyList<(string Schema, string Name)> names,
        Action<int, long, bool> read, CancellationToken cancellationToken)
    {
        for (var from = 0; from < names.Count; from += ChunkSize)
        {
            var count = Math.Min(ChunkSize, names.Count - from);
            var union = new StringBuilder();
            for (var i = 0; i < count; i++)
            {
                var (schema, name) = names[from + i];
                union.Append(i == 0 ? "" : " UNION ALL ").Append(CultureInfo.InvariantCulture,
                    $"SELECT {i}, last_value, is_called FROM {Identifier.Quote(schema)}.{Identifier.Quote(name)}");
            }
#pragma warning disable CA2100 // identifiers come from the catalog and are always quoted
            await using var command = new NpgsqlCommand(union.ToString(), connection);
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                read(from + reader.GetInt32(0), reader.GetInt64(1), reader.GetBoolean(2));
            }
        }
    }
}
