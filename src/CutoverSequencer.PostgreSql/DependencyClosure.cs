using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>The columns and sequences that feed each other, added to the resolved entries.</summary>
internal static class DependencyClosure
{
    /// <summary>
    /// Every column fed by a resolved sequence (its default calls it, it is its identity, it owns it),
    /// in any schema, configured or not, and every sequence that feeds a resolved column (a column mapped
    /// to one sequence whose default calls another): those not already among the entries are added, so
    /// their keys and positions are read and the plan clears them too. A sequence found through a column
    /// keeps the source sequence of the entry that mapped the column (the application's inserts will call
    /// it). Repeated until nothing new is found (a few catalog queries over OIDs and names).
    /// </summary>
    public static async Task<List<Resolution>> AddAsync(NpgsqlConnection connection, List<Resolution> resolved,
        HashSet<TableEntry> dependencies, string endpoint, ILogger log, CancellationToken cancellationToken)
    {
        var sequences = new Dictionary<uint, TargetSequence>();
        foreach (var r in resolved)
        {
            if (r.Sequence is { Oid: > 0 } q)
            {
                sequences.TryAdd(q.Oid, q);
            }
        }
        if (sequences.Count == 0 && !resolved.Any(r => r.Column is not null))
        {
            return resolved;
        }
        // A partition is left out when its root carries the same column fed by the same sequence:
        // reading the root reads it.
        var sql = $$"""
            WITH k AS (
                SELECT a.attrelid, a.attnum
                FROM ROWS FROM (pg_catalog.unnest($2::pg_catalog.text[]), pg_catalog.unnest($3::pg_catalog.text[]),
                    pg_catalog.unnest($4::pg_catalog.text[])) AS k(s, t, col)
                JOIN pg_catalog.pg_namespace n ON n.nspname = k.s
                JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = k.t
                JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = k.col AND NOT a.attisdropped
            ), fed AS (
                SELECT DISTINCT f.relid, f.attnum, f.seqid
                FROM ({{CatalogSql.FedColumnsSql}}) f
                JOIN pg_catalog.pg_class sq ON sq.oid = f.seqid AND sq.relkind = 'S'
                WHERE f.seqid = ANY($1::pg_catalog.oid[]) OR (f.relid, f.attnum) IN (SELECT attrelid, attnum FROM k)
            )
            SELECT n.nspname, c.relname, a.attname, f.seqid, pg_catalog.format_type(a.atttypid, a.atttypmod),
                   {{CatalogSql.SizeInPages("c.oid", "c.relkind", "c.relpages")}},
                   EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indkey[0] = a.attnum
                       AND i.indpred IS NULL)
            FROM fed f
            JOIN pg_catalog.pg_class c ON c.oid = f.relid AND c.relkind IN ('r', 'p', 'f', 'm')
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_attribute a ON a.attrelid = f.relid AND a.attnum = f.attnum AND NOT a.attisdropped
            WHERE NOT (c.relispartition AND EXISTS (
                SELECT 1 FROM fed g
                JOIN pg_catalog.pg_attribute ga ON ga.attrelid = g.relid AND ga.attnum = g.attnum
                WHERE g.relid = pg_catalog.pg_partition_root(c.oid) AND g.seqid = f.seqid AND ga.attname = a.attname))
            ORDER BY n.nspname, c.relname, a.attnum
            """;
        var present = new HashSet<(QualifiedName, string, uint)>();
        // The entry that mapped each column: a sequence found through the column inherits its source sequence.
        var byColumn = new Dictionary<(QualifiedName, string), TableEntry>();
        foreach (var r in resolved)
        {
            if (r.Column is { } column)
            {
                // Also a column whose mapped sequence is missing: what its default calls is what feeds it.
                byColumn.TryAdd((column.Table, column.Name), r.Entry);
                if (r.Sequence is { } q)
                {
                    present.Add((column.Table, column.Name, q.Oid));
                }
            }
        }
        var location = $"{endpoint} catalog";
        var added = 0;
        for (var round = 0; ; round++)
        {
            if (round == 32)
            {
                // Chains of sequences and columns this long are not plausible; never plan on a partial closure.
                throw new CutoverException(
                    $"{endpoint}: the sequences feeding the configured columns did not settle after {round} " +
                    "catalog reads",
                    ExitCodes.InternalError);
            }
            var found =
                new List<(QualifiedName Table, string Column, uint Sequence, string Type, long Pages, bool Indexed)>();
#pragma warning disable CA2100 // fixed text only (no names, no values)
            await using (var command = new NpgsqlCommand(sql, connection))
#pragma warning restore CA2100
            {
                command.Parameters.Add(new NpgsqlParameter
                {
                    Value = sequences.Keys.ToArray(),
                    NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid,
                });
                var columns = byColumn.Keys.ToList();
                command.Parameters.Add(new NpgsqlParameter { Value = columns.Select(c => c.Item1.Schema).ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = columns.Select(c => c.Item1.Name).ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = columns.Select(c => c.Item2).ToArray() });
                await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var table = new QualifiedName(CatalogStrings.Shared(rows, 0), rows.GetString(1));
                    found.Add((table, CatalogStrings.Shared(rows, 2), rows.GetFieldValue<uint>(3),
                        CatalogStrings.Shared(rows, 4), Math.Max(0, rows.GetInt64(5)), rows.GetBoolean(6)));
                }
            }
            var unknown = found.Select(f => f.Sequence).Where(oid => !sequences.ContainsKey(oid)).Distinct().ToArray();
            if (unknown.Length > 0)
            {
                var read = await SequenceDefinitions.ReadDefinitionsAsync(connection, unknown, cancellationToken)
                    .ConfigureAwait(false);
                foreach (var (oid, definition) in read)
                {
                    sequences[oid] = definition;
                }
            }
            var before = added;
            foreach (var f in found)
            {
                if (!sequences.TryGetValue(f.Sequence, out var sequence))
                {
                    throw new CutoverException(
                        $"{endpoint}: the definition of the sequence (OID {f.Sequence}) feeding " +
                        $"{f.Table}.{Identifier.Display(f.Column)} could not be read", ExitCodes.CannotConnect);
                }
                if (!present.Add((f.Table, f.Column, f.Sequence)))
                {
                    continue;
                }
                // Mapped already with another sequence: this one is what the column's default or identity calls.
                var mappedBy = byColumn.GetValueOrDefault((f.Table, f.Column));
                var entry = new TableEntry(f.Table, f.Column, sequence.Name, null, mappedBy?.SourceSequence, location)
                {
                    Origin = mappedBy is null ? "target dependency" : "target column default",
                    SourceOrigin = mappedBy?.SourceSequence is null ? null : mappedBy.SourceOrigin ?? mappedBy.Origin,
                };
                dependencies.Add(entry);
                byColumn.TryAdd((f.Table, f.Column), entry);
                var column = new TargetColumn(f.Table, f.Column, f.Type);
                var problems = new List<TargetProblem>();
                if (!column.IsNumeric && !KeyColumns.IsTextKey(column))
                {
                    problems.Add(TargetProblem.Create(FindingCatalog.KeyColumnNotInteger, "dependency",
                        entry.Describe(), ("column", entry.Describe()), ("type", column.DataType),
                        ("sequence", sequence.Name), ("location", location)));
                }
                resolved.Add(new Resolution(entry, column, sequence, f.Pages, problems)
                {
                    KeyIndexed = f.Indexed && !KeyColumns.IsTextKey(column),
                });
                added++;
            }
            if (added == before)
            {
                break;
            }
        }
        if (added > 0)
        {
            log.LogInformation(
                "{Count} more column(s) fed by the same sequences, or sequences feeding the same columns, " +
                "found in the target catalog", added);
        }
        return resolved;
    }
}
