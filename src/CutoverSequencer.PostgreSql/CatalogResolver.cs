using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>
/// Turns configured entries into catalog objects: discovery of the columns sequences feed, name
/// resolution (to_regclass on bound names), and the closure over columns and sequences that feed each
/// other. Keeps what discovery found, so inspection of the same run need not resolve it again.
/// </summary>
internal sealed class CatalogResolver(string endpoint, ILogger log)
{
    /// <summary>
    /// Entries found by discovery in this run, already resolved (by reference: the same objects come back).
    /// </summary>
    private readonly Dictionary<TableEntry, ResolvedRow> discovered = new(ReferenceEqualityComparer.Instance);

    /// <summary>Entries this instance added for columns fed by a resolved sequence (by reference).</summary>
    private readonly HashSet<TableEntry> dependencies = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The entries resolved with the dependencies they pull in. A re-reading (verify inside apply) of
    /// the same entries keeps the names as resolved, the entries added for dependencies included:
    /// only positions and keys change; <paramref name="incrementsChanged"/> (apply restarted a sequence on
    /// a new increment) reads the definitions again.
    /// </summary>
    public async Task<List<Resolution>> ResolveAsync(NpgsqlConnection connection, IReadOnlyList<TableEntry> entries,
        TargetSnapshot? previous, bool incrementsChanged, CancellationToken cancellationToken)
    {
        if (previous is not null
            && previous.Entries.Select(e => e.Entry).Where(e => !dependencies.Contains(e)).SequenceEqual(entries))
        {
            return await ReuseResolutionAsync(connection, previous, incrementsChanged, cancellationToken)
                .ConfigureAwait(false);
        }
        var resolved = await ResolveByNameAsync(connection, entries, cancellationToken).ConfigureAwait(false);
        return await DependencyClosure.AddAsync(connection, resolved, dependencies, endpoint, log, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TableEntry>> DiscoverAsync(NpgsqlConnection connection,
        IReadOnlyList<string> schemas,
        CancellationToken cancellationToken)
    {
        // Catalog dependencies only, never name patterns: the sequence a column default calls, the
        // identity sequence, the serial sequence OWNED BY the column. The default wins where several apply;
        // names and types are formatted only for the rows chosen.
        var sql = $$"""
            SELECT x.nspname, x.relname, a.attname, sn.nspname, s.relname, x.how,
                   {{CatalogSql.SizeInPages("x.relid", "x.relkind", "x.relpages")}},
                   pg_catalog.format_type(a.atttypid, a.atttypmod), s.oid,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = x.relid AND i.indkey[0] = a.attnum
                       AND i.indpred IS NULL),
                   pg_catalog.format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, q.seqmin, q.seqmax,
                       q.seqcache, q.seqcycle,
                   pg_catalog.has_sequence_privilege(s.oid, 'UPDATE')
            FROM (
                SELECT DISTINCT ON (c.oid, src.attnum) n.nspname, c.relname, c.oid AS relid, c.relkind, c.relpages,
                       src.attnum, src.seqid, src.how
                FROM ({{CatalogSql.FedColumnsSql}}) src
                JOIN pg_catalog.pg_class sq ON sq.oid = src.seqid AND sq.relkind = 'S'
                JOIN pg_catalog.pg_class c ON c.oid = src.relid AND c.relkind IN ('r', 'p')
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY($1)
                ORDER BY c.oid, src.attnum, src.rank
            ) x
            JOIN pg_catalog.pg_attribute a ON a.attrelid = x.relid AND a.attnum = x.attnum AND NOT a.attisdropped
            JOIN pg_catalog.pg_class s ON s.oid = x.seqid
            JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
            JOIN pg_catalog.pg_sequence q ON q.seqrelid = s.oid
            ORDER BY x.nspname, x.relname, a.attnum
            """;
#pragma warning disable CA2100 // fixed text only (no names, no values)
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        command.Parameters.Add(new NpgsqlParameter { Value = schemas.ToArray() });
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<TableEntry>();
        var location = $"{endpoint} catalog";
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var table = new QualifiedName(CatalogStrings.Shared(rows, 0), rows.GetString(1));
            var sequence = new QualifiedName(CatalogStrings.Shared(rows, 3), rows.GetString(4));
            var entry = new TableEntry(table, CatalogStrings.Shared(rows, 2), sequence, null, null, location)
            {
                Origin = string.Intern($"target {rows.GetString(5)}"),
            };
            result.Add(entry);
            // Inspection of this run need not resolve these names again.
            var column = new TargetColumn(table, entry.PkColumn!, CatalogStrings.Shared(rows, 7));
            discovered[entry] = new ResolvedRow(entry, true, column,
                Math.Max(0, rows.GetInt64(6)), rows.GetFieldValue<uint>(8), 'S', rows.GetBoolean(9))
            {
                Definition = SequenceDefinitions.Definition(rows, 8, sequence, 10),
            };
        }
        return result;
    }

    /// <summary>
    /// The names as resolved before; the sequence definitions are read again when apply changed increments.
    /// </summary>
    private static async Task<List<Resolution>> ReuseResolutionAsync(NpgsqlConnection connection,
        TargetSnapshot previous,
        bool incrementsChanged, CancellationToken cancellationToken)
    {
        uint[] oids =
            [.. previous.Entries.Where(e => e.Sequence is { Oid: > 0 }).Select(e => e.Sequence!.Oid).Distinct()];
        var definitions = incrementsChanged
            ? await SequenceDefinitions.ReadDefinitionsAsync(connection, oids, cancellationToken).ConfigureAwait(false)
            : [];
        return [.. previous.Entries.Select(e => new Resolution(e.Entry, e.Column,
            e.Sequence is { } q && definitions.TryGetValue(q.Oid, out var fresh) ? fresh : e.Sequence, e.Pages,
            [.. e.Problems])
        {
            KeyIndexed = e.KeyIndexed,
        })];
    }

    /// <summary>Names resolved per statement: one round trip up to this many entries.</summary>
    private const int ResolveBatch = 10_000;

    /// <summary>
    /// One round trip per <see cref="ResolveBatch"/> entries resolves each entry's table, column and
    /// sequence that discovery did not already find.
    /// </summary>
    private async Task<List<Resolution>> ResolveByNameAsync(NpgsqlConnection connection,
        IReadOnlyList<TableEntry> entries,
        CancellationToken cancellationToken)
    {
        var sql = $$"""
            WITH e AS (
                SELECT * FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]),
                    pg_catalog.unnest($2::pg_catalog.text[]), pg_catalog.unnest($3::pg_catalog.text[]))
                    WITH ORDINALITY AS e(tbl, col, seq, i)
            ), r AS (
                SELECT e.i, e.col, e.seq IS NOT NULL AS seq_configured,
                       pg_catalog.to_regclass(e.tbl) AS tbl_oid, pg_catalog.to_regclass(e.seq) AS seq_oid
                FROM e
            )
            SELECT r.i,
                   r.tbl_oid IS NOT NULL AND tc.relkind IN ('r', 'p', 'f', 'm') AS table_found,
                   tn.nspname, tc.relname, CASE WHEN tc.oid IS NOT NULL
                       THEN {{CatalogSql.SizeInPages("tc.oid", "tc.relkind", "tc.relpages")}} END,
                   a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS column_type,
                   a.attidentity::pg_catalog.text,
                   coalesce(CASE WHEN r.seq_configured THEN r.seq_oid END, dflt.oid, owned.oid)::pg_catalog.oid
                       AS sequence_oid,
                   CASE WHEN r.seq_configured THEN sc.relkind::pg_catalog.text END AS configured_relkind,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = r.tbl_oid AND i.indkey[0] = a.attnum
                       AND i.indpred IS NULL) AS key_indexed
            FROM r
            LEFT JOIN pg_catalog.pg_class tc ON tc.oid = r.tbl_oid
            LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
            LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = r.tbl_oid AND a.attname = r.col AND a.attnum > 0
                AND NOT a.attisdropped
            LEFT JOIN pg_catalog.pg_class sc ON sc.oid = r.seq_oid
            -- the sequence the column default calls (nextval('...')), which is what feeds the column
            LEFT JOIN LATERAL (
                SELECT d.refobjid AS oid
                FROM pg_catalog.pg_attrdef ad
                JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass
                    AND d.objid = ad.oid
                     AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                JOIN pg_catalog.pg_class c ON c.oid = d.refobjid AND c.relkind = 'S'
                WHERE NOT r.seq_configured AND ad.adrelid = r.tbl_oid AND ad.adnum = a.attnum
                LIMIT 1
            ) dflt ON true
            -- identity columns, and serial sequences OWNED BY the column
            LEFT JOIN LATERAL (
                SELECT d.objid AS oid
                FROM pg_catalog.pg_depend d
                JOIN pg_catalog.pg_class c ON c.oid = d.objid AND c.relkind = 'S'
                WHERE NOT r.seq_configured AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                  AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                  AND d.refobjid = r.tbl_oid AND d.refobjsubid = a.attnum AND d.deptype IN ('i', 'a')
                LIMIT 1
            ) owned ON true
            ORDER BY r.i
            """;
        var rows = new ResolvedRow?[entries.Count];
        var unknown = new List<int>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (discovered.TryGetValue(entries[i], out var known))
            {
                rows[i] = known;
            }
            else
            {
                unknown.Add(i);
            }
        }
        // In statements of ResolveBatch names: the name arrays and their rows of one batch at a time.
        for (var from = 0; from < unknown.Count; from += ResolveBatch)
        {
            var batch = unknown.GetRange(from, Math.Min(ResolveBatch, unknown.Count - from));
#pragma warning disable CA2100 // fixed text only (no names, no values)
            await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
            command.Parameters.Add(new NpgsqlParameter { Value = Names(batch, i => entries[i].Table) });
            command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(i => entries[i].PkColumn).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = Names(batch, i => entries[i].Sequence) });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var at = batch[(int)reader.GetInt64(0) - 1];
                var entry = entries[at];
                var tableFound = !reader.IsDBNull(1) && reader.GetBoolean(1);
                TargetColumn? column = null;
                if (tableFound && !reader.IsDBNull(5))
                {
                    var table = new QualifiedName(CatalogStrings.Shared(reader, 2), reader.GetString(3));
                    column = new TargetColumn(table, CatalogStrings.Shared(reader, 5),
                        CatalogStrings.Shared(reader, 6));
                }
                rows[at] = new ResolvedRow(entry, tableFound, column,
                    reader.IsDBNull(4) ? null : Math.Max(0, reader.GetInt64(4)),
                    reader.IsDBNull(8) ? null : reader.GetFieldValue<uint>(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9)[0],
                    !reader.IsDBNull(10) && reader.GetBoolean(10));
            }
        }

        log.LogDebug("Resolved {Count} entries by name ({Known} known from discovery)", unknown.Count,
            entries.Count - unknown.Count);
        // The configured name objects, not second copies of them: definitions are held until the report is written.
        var configuredNames = new Dictionary<uint, QualifiedName>();
        foreach (var row in rows)
        {
            if (row!.SequenceOid is { } oid && row.Definition is null && row.Entry.Sequence is { } named)
            {
                configuredNames.TryAdd(oid, named);
            }
        }
        var definitions = await SequenceDefinitions.ReadDefinitionsAsync(connection,
            [.. rows.Where(r => r!.SequenceOid is not null && r.Definition is null)
                .Select(r => r!.SequenceOid!.Value).Distinct()],
            cancellationToken, configuredNames).ConfigureAwait(false);
        foreach (var known in rows.Where(r => r!.Definition is not null))
        {
            definitions.TryAdd(known!.SequenceOid!.Value, known.Definition!);
        }
        log.LogDebug("Read {Count} sequence definitions", definitions.Count);
        var result = new List<Resolution>();
        foreach (var row in rows.Select(r => r!))
        {
            var problems = new List<TargetProblem>();
            var entry = row.Entry;
            if (entry.Table is not null && !row.TableFound)
            {
                problems.Add(TargetProblem.Create(FindingCatalog.TableNotFound, entry.Table.ToString(),
                    ("table", entry.Table), ("location", entry.Location)));
            }
            else if (entry.Table is not null && row.Column is null)
            {
                problems.Add(TargetProblem.Create(FindingCatalog.ColumnNotFound, entry.Describe(),
                    ("column", Identifier.Display(entry.PkColumn!)), ("table", entry.Table),
                    ("location", entry.Location)));
            }
            else if (row.Column is { IsNumeric: false } notNumeric && !KeyColumns.IsTextKey(notNumeric))
            {
                problems.Add(TargetProblem.Create(FindingCatalog.KeyColumnNotInteger, entry.Describe(),
                    ("column", entry.Describe()), ("type", notNumeric.DataType), ("location", entry.Location)));
            }

            TargetSequence? sequence = null;
            if (entry.Sequence is not null && (row.SequenceOid is null || row.ConfiguredKind != 'S'))
            {
                problems.Add(TargetProblem.Create(FindingCatalog.SequenceNotFound,
                    row.SequenceOid is null ? null : "not a sequence", entry.Sequence.ToString(),
                    ("sequence", entry.Sequence), ("location", entry.Location)));
            }
            else if (row.SequenceOid is { } oid)
            {
                sequence = definitions[oid];
            }
            else if (entry.Table is not null && row.Column is not null)
            {
                problems.Add(TargetProblem.Create(FindingCatalog.SequenceNotResolved, entry.Describe(),
                    ("column", entry.Describe()), ("location", entry.Location)));
            }
            result.Add(new Resolution(entry, row.Column, sequence, row.Pages, problems)
            {
                KeyIndexed = row.Indexed && !(row.Column is { } key && KeyColumns.IsTextKey(key)),
            });
        }
        return result;
    }

    /// <summary>The SQL form of each entry's name, null where it has none.</summary>
    private static string?[] Names(List<int> batch, Func<int, QualifiedName?> name) =>
        [.. batch.Select(i => name(i)?.ToSql())];
}
