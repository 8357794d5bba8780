using System.Text;

namespace CutoverSequencer.Oracle.Catalog;

/// <summary>
/// The dictionary queries, kept once as embedded resources (Sql/*.sql) and used both by the live
/// reader and by the generated SQL*Plus export script, so both produce the same files.
/// Tokens: <c>{{dict}}</c> (DBA or ALL), <c>{{scale_flag}}</c>, <c>{{session_flag}}</c>,
/// <c>{{identity_sequence}}</c> (a column, or NULL on releases without it), <c>{{data_default}}</c> and
/// <c>{{nextval_default}}</c> (DATA_DEFAULT_VC and a NEXTVAL filter on it, or the LONG DATA_DEFAULT
/// unfiltered). Bind variable
/// <c>:owners</c> is a comma-separated list of owners as Oracle stores them.
/// </summary>
public static class CatalogQueries
{
    /// <summary>Each export file and the query that fills it, in export order.</summary>
    public static IReadOnlyList<(string File, string Query)> ExportFiles { get; } =
    [
        ("sequences.csv", "sequences"),
        ("identity_columns.csv", "identity_columns"),
        ("triggers.csv", "triggers"),
        ("trigger_source.csv", "trigger_source"),
        ("trigger_dependencies.csv", "trigger_dependencies"),
        ("columns.csv", "columns"),
        ("source_code.csv", "source_code"),
        ("dependencies.csv", "dependencies"),
        ("guid_samples.csv", "guid_samples"),
        ("export_info.csv", "export_info"),
    ];

    /// <summary>
    /// A query's text, with the shared owner-list CTE (<c>{{owners}}</c>, from owners.sql) in place.
    /// </summary>
    public static string Load(string name)
    {
        var text = Resource(name);
        return text.Contains("{{owners}}", StringComparison.Ordinal)
            ? text.Replace("{{owners}}", Resource("owners"), StringComparison.Ordinal)
            : text;
    }

    private static string Resource(string name)
    {
        using var stream = typeof(CatalogQueries).Assembly
            .GetManifestResourceStream($"CutoverSequencer.Oracle.Sql.{name}.sql")
            ?? throw new InvalidOperationException($"missing embedded query {name}.sql");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().TrimEnd();
    }

    /// <summary>The query as the live reader sends it.</summary>
    public static string Render(string name, DictionaryChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return Load(name)
            .Replace("{{dict}}", choice.Prefix, StringComparison.Ordinal)
            .Replace(
                "{{scale_flag}}",
                choice.ScaleFlag ? "s.scale_flag" : "CAST(NULL AS VARCHAR2(1))",
                StringComparison.Ordinal)
            .Replace(
                "{{session_flag}}",
                choice.SessionFlag ? "s.session_flag" : "CAST(NULL AS VARCHAR2(1))",
                StringComparison.Ordinal)
            .Replace(
                "{{identity_sequence}}",
                choice.IdentitySequence ? "i.sequence_name" : "CAST(NULL AS VARCHAR2(128))",
                StringComparison.Ordinal)
            .Replace("{{data_default}}", DataDefault(choice.DataDefaultText), StringComparison.Ordinal)
            .Replace("{{nextval_default}}", NextvalDefault(choice.DataDefaultText), StringComparison.Ordinal);
    }

    /// <summary>The column default's text: DATA_DEFAULT_VC where the release has it, else the LONG.</summary>
    public static string DataDefault(bool text) => text ? "c.data_default_vc" : "c.data_default";

    /// <summary>
    /// The filter on numeric columns with a default: NEXTVAL in DATA_DEFAULT_VC, or none (a LONG cannot be
    /// searched in SQL: the reader filters).
    /// </summary>
    public static string NextvalDefault(bool text) =>
        text ? "UPPER(c.data_default_vc) LIKE '%NEXTVAL%'" : "c.default_length > 0";

    /// <summary>
    /// The bind variables of a query in order of appearance, string literals skipped (ODP.NET binds by position).
    /// </summary>
    public static IReadOnlyList<string> BindOrder(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var binds = new List<string>();
        var inString = false;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c == '\'')
            {
                inString = !inString;
            }
            else if (!inString && c == ':' && i + 1 < sql.Length && char.IsAsciiLetter(sql[i + 1])
                && (i == 0 || sql[i - 1] != ':'))
            {
                var start = i + 1;
                var end = start;
                while (end < sql.Length && (char.IsAsciiLetterOrDigit(sql[end]) || sql[end] == '_'))
                {
                    end++;
                }
                binds.Add(sql[start..end]);
                i = end - 1;
            }
        }
        return binds;
    }

    /// <summary>
    /// The SQL*Plus / SQLcl script that writes the export files: the same queries, with the tokens
    /// turned into substitution variables that the script's own probes fill.
    /// </summary>
    public static string SqlPlusScript()
    {
        var sb = new StringBuilder();
        sb.Append("""
            -- CutoverSequencer: Oracle catalog export for source.kind: oracle-export.
            -- Generated from the queries the live reader uses (src/CutoverSequencer.Oracle/Sql); do not edit by hand.
            --
            -- Writes sequences.csv, identity_columns.csv, triggers.csv, trigger_source.csv,
            """);
        sb.Append(
            "\n-- trigger_dependencies.csv, columns.csv, source_code.csv, dependencies.csv, guid_samples.csv and " +
            "export_info.csv\n-- into the current directory " +
            "(SET MARKUP CSV ON: RFC 4180\n");
        sb.Append("""
            -- quoting, a header row, an empty field for NULL). Read-only: it only queries the dictionary and
            -- samples at most 20 values of each GUID-looking key column.
            --
            --   sqlplus -S migrator@ORCL @export-catalog.sql FINANCE,SALES
            --
            -- The argument is a comma-separated list of owners, as Oracle stores them (upper case unless
            -- created quoted). DBA_ views need SELECT_CATALOG_ROLE or SELECT ANY DICTIONARY; without them the
            -- script falls back to ALL_ views, which show only what this user may see. Numbers go through
            -- TO_CHAR(x, 'TM9'): LAST_NUMBER must be exact. Run it at the full-load snapshot or later.

            SET MARKUP CSV ON QUOTE ON
            SET FEEDBACK OFF
            SET HEADING ON
            SET PAGESIZE 50000
            SET LINESIZE 32767
            SET LONG 100000
            SET TRIMSPOOL ON
            SET TERMOUT OFF
            SET VERIFY OFF
            SET ECHO OFF
            SET SQLBLANKLINES ON
            ALTER SESSION SET NLS_NUMERIC_CHARACTERS = '.,';

            VARIABLE owners VARCHAR2(4000)
            VARIABLE view_name VARCHAR2(128)
            VARIABLE column_name VARCHAR2(128)
            EXEC :owners := '&1'

            -- Which dictionary: DBA_ when permitted, else ALL_.
            COLUMN dict NEW_VALUE dict NOPRINT
            EXEC :view_name := 'DBA_SEQUENCES'

            """);
        sb.Append(Probe("probe_view", "dict", "'DBA'", "'ALL'"));
        foreach (var (view, column, variable, expression) in new[]
        {
            ("&dict._SEQUENCES", "SCALE_FLAG", "scale_flag", "s.scale_flag"),
            ("&dict._SEQUENCES", "SESSION_FLAG", "session_flag", "s.session_flag"),
            ("&dict._TAB_IDENTITY_COLS", "SEQUENCE_NAME", "identity_sequence", "i.sequence_name"),
            ("&dict._TAB_COLUMNS", "DATA_DEFAULT_VC", "default_expr", DataDefault(text: true)),
        })
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"\n-- {column} exists only on some releases.\nCOLUMN {variable} NEW_VALUE {variable} NOPRINT\n" +
                $"EXEC :view_name := '{view}'; :column_name := '{column}'\n");
            var nullType = column == "SEQUENCE_NAME" ? "VARCHAR2(128)" : "VARCHAR2(1)";
            var otherwise = column == "DATA_DEFAULT_VC" ? DataDefault(text: false) : $"CAST(NULL AS {nullType})";
            sb.Append(Probe("probe_column", variable, $"'{expression}'", $"'{otherwise}'"));
            if (column == "DATA_DEFAULT_VC")
            {
                sb.Append("COLUMN default_filter NEW_VALUE default_filter NOPRINT\n");
                sb.Append(Probe("probe_column", "default_filter",
                    Literal(NextvalDefault(text: true)), Literal(NextvalDefault(text: false))));
            }
        }
        foreach (var (file, query) in ExportFiles)
        {
            var sql = Load(query)
                .Replace("{{dict}}", "&dict.", StringComparison.Ordinal)
                .Replace("{{scale_flag}}", "&scale_flag", StringComparison.Ordinal)
                .Replace("{{session_flag}}", "&session_flag", StringComparison.Ordinal)
                .Replace("{{identity_sequence}}", "&identity_sequence", StringComparison.Ordinal)
                .Replace("{{data_default}}", "&default_expr", StringComparison.Ordinal)
                .Replace("{{nextval_default}}", "&default_filter", StringComparison.Ordinal);
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\nSPOOL {file}\n{sql};\nSPOOL OFF\n");
        }
        sb.Append("\nSET TERMOUT ON\nPROMPT Wrote the export files into the current directory.\nEXIT\n");
        return sb.ToString();
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Probe(string query, string variable, string whenFound, string otherwise) =>
        $"SELECT CASE WHEN found > 0 THEN {whenFound} ELSE {otherwise} END AS {variable}\n" +
        $"FROM (\n{Load(query)}\n);\n";
}
