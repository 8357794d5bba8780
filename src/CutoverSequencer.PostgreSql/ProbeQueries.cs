using System.Globalization;
using System.Numerics;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.PostgreSql;

/// <summary>
/// The text of the per-entry reads and the parsing of their results. A probe runs inside
/// <c>query_to_xml()</c> on the server and returns one row element with k (key extreme), b (a text
/// key's non-numeric example), l and c (last_value, is_called). Identifiers come from the catalog and
/// are always quoted.
/// </summary>
internal static class ProbeQueries
{
    /// <summary>
    /// Runs each probe query; each row is its ordinal and its one result row as XML (elements k, l, c).
    /// </summary>
    public const string ProbeSql =
        "SELECT u.i, pg_catalog.query_to_xml(u.q, false, true, '')::pg_catalog.text " +
        "FROM pg_catalog.unnest($1::pg_catalog.text[]) WITH ORDINALITY AS u(q, i)";

    /// <summary>
    /// A text value that reads as a whole number (numeric input accepts the same spaces and sign); no
    /// backslash, so standard_conforming_strings does not matter.
    /// </summary>
    private const string WholeNumberPattern = "'^[[:space:]]*[+-]?[0-9]+[[:space:]]*$'";

    /// <summary>
    /// The query run for one entry: its key extreme <c>k</c> (when <paramref name="key"/> is given: the
    /// first key in index order, which plans cheaper than max() and reads the same index edge) and its
    /// sequence's position <c>l</c>, <c>c</c> (when <paramref name="sequence"/> is given).
    /// </summary>
    public static string ProbeQuery(TargetColumn? key, bool descending, QualifiedName? sequence)
    {
        var position = sequence is null ? "0 AS l, false AS c" : "last_value AS l, is_called AS c";
        var from = sequence is null ? "" : $" FROM {sequence.ToSql()}";
        if (key is not null && KeyColumns.IsTextKey(key))
        {
            // One scan: the numeric extreme of the whole-number values (k) and one value that is not (b).
            var join = sequence is null ? "" : $" CROSS JOIN {sequence.ToSql()}";
            return $"SELECT x.k, x.b, {position} FROM ({TextKeySelect(key, descending)}) x{join}";
        }
        var column = key is null ? null : Identifier.Quote(key.Name);
        var extreme = key is null
            ? "NULL::pg_catalog.text"
            // Cast outside: inside, ORDER BY would sort by the text output column of the same name.
            : $"(SELECT {column} FROM {key.Table.ToSql()} WHERE {column} IS NOT NULL " +
              $"ORDER BY {column} {(descending ? "ASC" : "DESC")} LIMIT 1)::pg_catalog.text";
        if (key is not null && descending && KeyColumns.HoldsNonFinite(key))
        {
            // NaN and Infinity sort above every number: the lowest key never shows them, the highest does.
            extreme = $"COALESCE((SELECT x FROM (SELECT {column}::pg_catalog.text AS x FROM {key.Table.ToSql()} " +
                $"WHERE {column} IS NOT NULL ORDER BY {column} DESC LIMIT 1) top " +
                $"WHERE x IN ('NaN', 'Infinity')), {extreme})";
        }
        return $"SELECT {extreme} AS k, {position}{from}";
    }

    /// <summary>
    /// A whole-table read of one key: its extreme as text (k) and, for a text key, the extreme of its
    /// whole-number values (k) and an example of a value that is not one (b, NULL when all are).
    /// </summary>
    public static string ScanQuery(TargetColumn key, bool descending)
    {
        if (KeyColumns.IsTextKey(key))
        {
            return TextKeySelect(key, descending);
        }
        var column = Identifier.Quote(key.Name);
        if (descending && KeyColumns.HoldsNonFinite(key))
        {
            // One scan for both ends: NaN and Infinity sort above every number, so only max() shows them.
            return $"SELECT CASE WHEN pg_catalog.max({column})::pg_catalog.text IN ('NaN', 'Infinity') " +
                $"THEN pg_catalog.max({column})::pg_catalog.text " +
                $"ELSE pg_catalog.min({column})::pg_catalog.text END AS k, " +
                $"NULL::pg_catalog.text AS b FROM {key.Table.ToSql()}";
        }
        return $"SELECT pg_catalog.{(descending ? "min" : "max")}({column})::pg_catalog.text AS k, " +
            $"NULL::pg_catalog.text AS b FROM {key.Table.ToSql()}";
    }

    private static string TextKeySelect(TargetColumn key, bool descending)
    {
        var column = $"{Identifier.Quote(key.Name)}::pg_catalog.text";
        return $"SELECT pg_catalog.{(descending ? "min" : "max")}(CASE WHEN {column} ~ {WholeNumberPattern} " +
            $"THEN {column}::pg_catalog.numeric END)::pg_catalog.text AS k, " +
            $"pg_catalog.left(pg_catalog.min({column}) FILTER (WHERE {column} !~ {WholeNumberPattern}), 40) AS b " +
            $"FROM {key.Table.ToSql()}";
    }

    /// <summary>
    /// The example of a non-numeric key a text key's probe returned (element b, XML-escaped), or null.
    /// </summary>
    public static string? ProbeBadValue(string xml)
    {
        var start = xml.IndexOf("<b>", StringComparison.Ordinal);
        var end = start < 0 ? -1 : xml.IndexOf("</b>", start, StringComparison.Ordinal);
        return end < 0 ? null : System.Net.WebUtility.HtmlDecode(xml[(start + 3)..end]);
    }

    /// <summary>
    /// Reads the values a probe query returned inside query_to_xml's row element (a NULL key is left out).
    /// </summary>
    public static (string? Extreme, long LastValue, bool IsCalled) ParseProbe(string xml)
    {
        static string? Element(string xml, string name)
        {
            var start = xml.IndexOf($"<{name}>", StringComparison.Ordinal);
            var end = start < 0 ? -1 : xml.IndexOf($"</{name}>", start, StringComparison.Ordinal);
            return end < 0 ? null : xml[(start + name.Length + 2)..end];
        }
        var called = Element(xml, "c");
        if (!long.TryParse(Element(xml, "l"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var last)
            || called is not ("true" or "false"))
        {
            throw new InvalidOperationException($"unexpected probe result '{xml}'");
        }
        return (Element(xml, "k"), last, called == "true");
    }

    /// <summary>A numeric key as a whole number on the safe side: ceiling for MAX, floor for MIN.</summary>
    public static BigInteger WholeBound(string text, bool descending)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = BigInteger.Parse(dot < 0 ? text : text[..dot], NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture);
        if (dot < 0 || text[(dot + 1)..].All(c => c == '0'))
        {
            return whole;
        }
        var negative = text.StartsWith('-');
        // Truncation moved toward zero; step away on the side that keeps the bound safe.
        return descending ? (negative ? whole - 1 : whole) : (negative ? whole : whole + 1);
    }
}
