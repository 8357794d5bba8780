using System.Numerics;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Stage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>Catalog SQL shared by discovery, name resolution and the dependency closure.</summary>
internal static class CatalogSql
{
    /// <summary>
    /// Every column a sequence feeds, from the catalog dependencies (relid, attnum, seqid, how, rank):
    /// the sequence its default calls (pg_attrdef → pg_depend), its identity sequence (deptype 'i'),
    /// a serial sequence OWNED BY it (deptype 'a'). Rank 1 is the default, which is what nextval() really calls.
    /// </summary>
    public const string FedColumnsSql = """
        SELECT ad.adrelid AS relid, ad.adnum AS attnum, d.refobjid AS seqid, 'column default' AS how, 1 AS rank
        FROM pg_catalog.pg_attrdef ad
        JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass AND d.objid = ad.oid
             AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
        UNION ALL
        SELECT d.refobjid, d.refobjsubid::pg_catalog.int2, d.objid,
               CASE d.deptype WHEN 'i' THEN 'identity' ELSE 'OWNED BY' END, 2
        FROM pg_catalog.pg_depend d
        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
          AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
          AND d.deptype IN ('i', 'a') AND d.refobjsubid > 0
        """;

    /// <summary>
    /// A relation's size in 8 kB pages from its files (pg_relation_size; relpages stays 0 until the
    /// first ANALYZE or VACUUM, so right after a load it says nothing). A partitioned table sums its
    /// leaf partitions; a foreign table keeps relpages.
    /// </summary>
    public static string SizeInPages(string oid, string kind, string relpages) => $"""
        pg_catalog.ceil((CASE {kind}
                WHEN 'p' THEN (SELECT coalesce(pg_catalog.sum(pg_catalog.pg_relation_size(pt.relid)), 0)
                               FROM pg_catalog.pg_partition_tree({oid}) pt WHERE pt.isleaf)
                WHEN 'f' THEN {relpages}::pg_catalog.int8 * 8192
                ELSE pg_catalog.pg_relation_size({oid}) END) / 8192.0)::pg_catalog.int8
        """;
}
