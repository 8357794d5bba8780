using System.Globalization;
using System.Text;

namespace CutoverSequencer.Oracle.Catalog;

/// <summary>
/// The SQL*Plus script (docs/oracle/export-catalog.sql) that writes the export files: the live reader's
/// queries (<see cref="CatalogQueries"/>), each opened in a PL/SQL block that falls back as the live
/// reader does, printed through a REFCURSOR after a header row of its own, so a query without rows
/// still gives a file with its header. The probes of <see cref="DictionaryProbe"/> run in PL/SQL too
/// and reach the queries as substitution variables through probe_* columns, cleared before any spool.
/// </summary>
public static class ExportScript
{
    /// <summary>Delimiter of the q'~...~' literals holding the queries.</summary>
    private const char Quote = '~';

    /// <summary>SET MARKUP CSV exists from SQL*Plus 12.2; _SQLPLUS_RELEASE reads like 1202000100.</summary>
    public const int MinimumRelease = 1202;

    public static string Text()
    {
        var files = CatalogQueries.ExportFiles.Select(f => f.File).ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""
            -- CutoverSequencer: Oracle catalog export for source.kind: oracle-export.
            -- Generated from the queries the live reader uses (src/CutoverSequencer.Oracle/Sql); do not edit by hand.
            --
            -- Writes {Wrapped(string.Join(", ", files.SkipLast(1)) + " and " + files[^1])}
            -- into the current directory (SET MARKUP CSV ON: RFC 4180 quoting, a header
            -- row even when a query returns no rows, an empty field for NULL). Read-only: it only queries the
            -- dictionary and samples at most 20 values of each GUID-looking key column.
            --
            --   export NLS_LANG=.AL32UTF8          (Windows: set NLS_LANG=.AL32UTF8)
            --   sqlplus -S migrator@ORCL @export-catalog.sql FINANCE,SALES
            --
            -- Set NLS_LANG=.AL32UTF8 first: SQL*Plus writes the files in the client's character set (US7ASCII
            -- turns names into '?', Windows defaults are not UTF-8) and the reader accepts only UTF-8.
            -- Needs a SQL*Plus 12.2 or later client (SET MARKUP CSV): it stops with a message on older ones.
            -- The argument is a comma-separated list of owners, folded as Oracle folds names (and as
            -- source.schemas is): unquoted upper case, "Quoted" exact. DBA_ views need SELECT_CATALOG_ROLE or
            -- SELECT ANY DICTIONARY; without them the script reads the ALL_ views, which show only what this
            -- user may see (docs/oracle/README.md lists each view and the privilege it needs). Every query is
            -- opened in PL/SQL before its rows are printed; on an error the script stops and the file it was
            -- writing holds the error text, which cutover-sequencer reports. Numbers go through
            -- TO_CHAR(x, 'TM9'): LAST_NUMBER must be exact. Run it at the full-load snapshot or later.

            SET TERMOUT ON
            SET FEEDBACK OFF
            SET VERIFY OFF
            SET ECHO OFF
            SET SERVEROUTPUT OFF
            WHENEVER SQLERROR EXIT FAILURE
            WHENEVER OSERROR EXIT FAILURE

            -- SET MARKUP CSV needs SQL*Plus 12.2 or later: stop on an older client.
            BEGIN
              IF TO_NUMBER(SUBSTR(LPAD('&_SQLPLUS_RELEASE', 10, '0'), 1, 4)) < {MinimumRelease} THEN
                RAISE_APPLICATION_ERROR(-20001, 'export-catalog.sql needs SQL*Plus 12.2 or later (SET MARKUP CSV); '
                  || 'this client is release &_SQLPLUS_RELEASE. Use a 12.2+ client, or cutover-sequencer export.');
              END IF;
            END;
            /

            PROMPT Writing the export files into the current directory (if it stops, the last file holds the error).
            SET MARKUP CSV ON QUOTE ON
            SET HEADING OFF
            SET PAGESIZE 0
            SET LINESIZE 32767
            SET LONG 100000
            SET TRIMSPOOL ON
            SET SQLBLANKLINES ON
            SET TERMOUT OFF
            ALTER SESSION SET NLS_NUMERIC_CHARACTERS = '.,';

            VARIABLE owners VARCHAR2(4000)
            VARIABLE rc REFCURSOR
            VARIABLE dict VARCHAR2(3)

            """);
        foreach (var column in DictionaryProbe.Columns)
        {
            sb.Append(CultureInfo.InvariantCulture, $"VARIABLE {column.Token} VARCHAR2(128)\n");
        }
        sb.Append("""

            -- Owners folded as Oracle folds names: unquoted upper case, "Quoted" exact.
            DECLARE
              owner_list VARCHAR2(4000) := q'~&1~';
              item VARCHAR2(4000);
            BEGIN
              FOR i IN 1 .. REGEXP_COUNT(owner_list, '[^,]+') LOOP
                item := TRIM(REGEXP_SUBSTR(owner_list, '[^,]+', 1, i));
                IF LENGTH(item) > 1 AND SUBSTR(item, 1, 1) = '"' AND SUBSTR(item, -1) = '"' THEN
                  item := SUBSTR(item, 2, LENGTH(item) - 2);
                ELSE
                  item := UPPER(item);
                END IF;
                :owners := :owners || CASE WHEN i > 1 THEN ',' END || item;
              END LOOP;
            END;
            /

            -- Which dictionary and which release-specific columns: the field names of SELECT * FROM view
            -- WHERE 1 = 0, as the live reader probes; ORA-00942 / ORA-01031 mean the view cannot be read.
            DECLARE
              not_readable EXCEPTION;
              PRAGMA EXCEPTION_INIT(not_readable, -942);
              no_privilege EXCEPTION;
              PRAGMA EXCEPTION_INIT(no_privilege, -1031);
              FUNCTION columns_of(view_name VARCHAR2) RETURN VARCHAR2 IS
                c INTEGER := DBMS_SQL.OPEN_CURSOR;
                n INTEGER;
                d DBMS_SQL.DESC_TAB2;
                names VARCHAR2(32767) := ',';
              BEGIN

            """);
        var probe = Literal(CatalogQueries.Load("probe_view"));
        sb.Append(CultureInfo.InvariantCulture,
            $"    DBMS_SQL.PARSE(c, REPLACE({probe}, '{{{{view}}}}', view_name), DBMS_SQL.NATIVE);\n");
        sb.Append("""
                DBMS_SQL.DESCRIBE_COLUMNS2(c, n, d);
                DBMS_SQL.CLOSE_CURSOR(c);
                FOR i IN 1 .. n LOOP
                  names := names || d(i).col_name || ',';
                END LOOP;
                RETURN names;
              EXCEPTION
                WHEN not_readable OR no_privilege THEN
                  DBMS_SQL.CLOSE_CURSOR(c);
                  RETURN NULL;
              END;
              FUNCTION pick(view_name VARCHAR2, column_name VARCHAR2, present VARCHAR2, absent VARCHAR2)
                RETURN VARCHAR2 IS
              BEGIN
                RETURN CASE WHEN INSTR(columns_of(view_name), ',' || column_name || ',') > 0
                  THEN present ELSE absent END;
              END;
            BEGIN
              :dict := CASE WHEN columns_of('DBA_SEQUENCES') IS NULL THEN 'ALL' ELSE 'DBA' END;

            """);
        foreach (var column in DictionaryProbe.Columns)
        {
            var view = column.Prefixed ? $":dict || '_{column.View}'" : $"'{column.View}'";
            var (present, absent) = (Text(column.Present), Text(column.Absent));
            sb.Append(CultureInfo.InvariantCulture,
                $"  :{column.Token} := pick({view}, '{column.Column}', {present}, {absent});\n");
        }
        sb.Append("END;\n/\n\n-- Into substitution variables, through probe_* columns that no export query selects.\n");
        sb.Append("COLUMN probe_dict NEW_VALUE dict NOPRINT\n");
        foreach (var column in DictionaryProbe.Columns)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"COLUMN probe_{column.Token} NEW_VALUE {column.Token} NOPRINT\n");
        }
        sb.Append("SELECT :dict AS probe_dict");
        foreach (var column in DictionaryProbe.Columns)
        {
            sb.Append(CultureInfo.InvariantCulture, $", :{column.Token} AS probe_{column.Token}");
        }
        sb.Append(" FROM dual;\nCLEAR COLUMNS\n\n");

        sb.Append("-- Every file emptied first: a run that stops leaves no file of an earlier run behind.\n");
        foreach (var file in files)
        {
            sb.Append(CultureInfo.InvariantCulture, $"SPOOL {file}\nSPOOL OFF\n");
        }
        foreach (var (file, query) in CatalogQueries.ExportFiles)
        {
            AppendFile(sb, file, query);
        }
        sb.Append("""

            SET MARKUP CSV OFF
            SET TERMOUT ON
            PROMPT Wrote the export files into the current directory.
            EXIT

            """);
        return sb.ToString();
    }

    /// <summary>Comment text wrapped to lines of about 100 characters.</summary>
    private static string Wrapped(string text)
    {
        var lines = new List<string> { "" };
        foreach (var word in text.Split(' '))
        {
            if (lines[^1].Length + word.Length > 92 && lines[^1].Length > 0)
            {
                lines.Add("");
            }
            lines[^1] += (lines[^1].Length > 0 ? " " : "") + word;
        }
        return string.Join("\n-- ", lines);
    }

    private static void AppendFile(StringBuilder sb, string file, string query)
    {
        var header = CatalogQueries.SelectedColumns(CatalogQueries.Load(query));
        sb.Append(CultureInfo.InvariantCulture, $"\nSPOOL {file}\n");
        sb.Append("SELECT ")
            .AppendJoin(", ", header.Select((c, i) => $"'{c}' AS h{i + 1}"))
            .Append(" FROM dual;\n");
        sb.Append("BEGIN\n");
        if (CatalogQueries.Fallbacks.TryGetValue(query, out var fallback))
        {
            sb.Append(Open(query, "  ")).Append("EXCEPTION\n  WHEN OTHERS THEN\n").Append(Open(fallback, "    "));
        }
        else
        {
            sb.Append(Open(query, "  "));
        }
        sb.Append(CultureInfo.InvariantCulture, $"END;\n/\nPRINT rc\nSPOOL OFF\n");
    }

    private static string Open(string query, string indent)
    {
        var sql = Substituted(CatalogQueries.Load(query));
        var binds = CatalogQueries.BindOrder(sql);
        if (binds.Any(b => b != "owners"))
        {
            throw new InvalidOperationException($"{query}.sql binds more than :owners");
        }
        var usingClause = binds.Count == 0 ? "" : " USING " + string.Join(", ", binds.Select(_ => ":owners"));
        return $"{indent}OPEN :rc FOR {Literal(sql)}{usingClause};\n";
    }

    /// <summary>The tokens as SQL*Plus substitution variables, filled by the probes above.</summary>
    private static string Substituted(string sql)
    {
        sql = sql.Replace("{{dict}}", "&dict.", StringComparison.Ordinal);
        foreach (var column in DictionaryProbe.Columns)
        {
            sql = sql.Replace($"{{{{{column.Token}}}}}", $"&{column.Token}.", StringComparison.Ordinal);
        }
        return sql;
    }

    /// <summary>A PL/SQL string literal.</summary>
    private static string Text(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Literal(string sql) =>
        sql.Contains($"{Quote}'", StringComparison.Ordinal)
            ? throw new InvalidOperationException($"a query holds {Quote}', the delimiter of its literal")
            : $"q'{Quote}\n{sql}\n{Quote}'";
}
