using System.Numerics;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Stage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>Sequence definitions (pg_sequence) read from the target catalog.</summary>
internal static class SequenceDefinitions
{
    /// <summary>
    /// Sequence definitions by OID; a definition whose name equals the one in <paramref name="names"/>
    /// (the configured name) reuses that object.
    /// </summary>
    public static async Task<Dictionary<uint, TargetSequence>> ReadDefinitionsAsync(NpgsqlConnection connection,
        uint[] oids,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<uint, QualifiedName>? names = null)
    {
        const string sql = """
            SELECT s.seqrelid, n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL),
                   s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                   pg_catalog.has_sequence_privilege(s.seqrelid, 'UPDATE')
            FROM pg_catalog.unnest($1::pg_catalog.oid[]) AS wanted(oid)
            JOIN pg_catalog.pg_sequence s ON s.seqrelid = wanted.oid
            JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            """;
        var result = new Dictionary<uint, TargetSequence>();
        if (oids.Length == 0)
        {
            return result;
        }
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = oids, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid,
        });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var oid = reader.GetFieldValue<uint>(0);
            var name = new QualifiedName(CatalogStrings.Shared(reader, 1), reader.GetString(2));
            var same = names is not null && names.TryGetValue(oid, out var named) && named == name ? named : name;
            result[oid] = Definition(reader, 0, same, 3);
        }
        return result;
    }

    /// <summary>
    /// A sequence's definition from a row holding its OID at <paramref name="oid"/> and, from
    /// <paramref name="first"/>: type, start, increment, min, max, cache, cycle, UPDATE privilege.
    /// The position (read later) starts as the start value, not called.
    /// </summary>
    public static TargetSequence Definition(NpgsqlDataReader row, int oid, QualifiedName name, int first) =>
        new(name, CatalogStrings.Shared(row, first), row.GetInt64(first + 1), row.GetInt64(first + 2),
            row.GetInt64(first + 3), row.GetInt64(first + 4), row.GetInt64(first + 5), row.GetBoolean(first + 6),
            LastValue: row.GetInt64(first + 1), IsCalled: false)
        {
            CanUpdate = row.GetBoolean(first + 7),
            Oid = row.GetFieldValue<uint>(oid),
        };
}
