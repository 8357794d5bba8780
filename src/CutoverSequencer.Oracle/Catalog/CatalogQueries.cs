using System.Text;

namespace CutoverSequencer.Oracle.Catalog;

/// <summary>
/// The dictionary queries, kept once as embedded resources (Sql/*.sql) and used both by the live
/// reader and by the generated SQL*Plus export script (<see cref="ExportScript"/>), so both produce the
/// same files. Tokens: <c>{{dict}}</c> (DBA or ALL), <c>{{view}}</c> (probe_view.sql) and the
/// release-specific columns of <see cref="DictionaryProbe.Columns"/>. Bind variable <c>:owners</c> is a
/// comma-separated list of owners as Oracle stores them.
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
    /// The query run when the first one fails: V$DATABASE needs SELECT_CATALOG_ROLE, and the capture
    /// time and release still matter without it.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Fallbacks { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["export_info"] = "export_info_basic" };

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
        var text = Load(name).Replace("{{dict}}", choice.Prefix, StringComparison.Ordinal);
        foreach (var column in DictionaryProbe.Columns)
        {
            text = text.Replace(
                $"{{{{{column.Token}}}}}", column.IsPresent(choice) ? column.Present : column.Absent,
                StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>The column default's text: DATA_DEFAULT_VC where the release has it, else the LONG.</summary>
    public static string DataDefault(bool text) => text ? "c.data_default_vc" : "c.data_default";

    /// <summary>
    /// The filter on numeric columns with a default: NEXTVAL in DATA_DEFAULT_VC, or none (a LONG cannot be
    /// searched in SQL: the reader filters).
    /// </summary>
    public static string NextvalDefault(bool text) =>
        text ? "UPPER(c.data_default_vc) LIKE '%NEXTVAL%'" : "c.default_length > 0";

    /// <summary>The probe of one view: no rows, only its column names (or ORA-00942 / ORA-01031).</summary>
    public static string Probe(string view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Length > 0 && view.All(c => char.IsAsciiLetterUpper(c) || c == '_' || c == '$')
            ? Load("probe_view").Replace("{{view}}", view, StringComparison.Ordinal)
            : throw new ArgumentException($"not a dictionary view name: {view}", nameof(view));
    }

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
    /// The column names of a query's result, upper case, in order: the aliases (or column names) of the
    /// outermost SELECT list. The export script writes them as the header row, so a file has one even when
    /// the query returns no rows.
    /// </summary>
    public static IReadOnlyList<string> SelectedColumns(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var (select, from) = (-1, -1);
        var depth = 0;
        var inString = false;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c == '\'')
            {
                inString = !inString;
            }
            else if (inString)
            {
                continue;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (depth == 0 && Word(sql, i, "SELECT"))
            {
                (select, from) = (i + "SELECT".Length, -1);
            }
            else if (depth == 0 && select >= 0 && from < 0 && Word(sql, i, "FROM"))
            {
                from = i;
            }
        }
        if (select < 0 || from < 0)
        {
            throw new InvalidOperationException("no outermost SELECT ... FROM in the query");
        }
        return [.. SplitTopLevel(sql[select..from]).Select(Alias)];
    }

    private static bool Word(string sql, int at, string word) =>
        string.Compare(sql, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
        && (at == 0 || !IsNamePart(sql[at - 1]))
        && (at + word.Length >= sql.Length || !IsNamePart(sql[at + word.Length]));

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '#' or '.';

    private static List<string> SplitTopLevel(string list)
    {
        var items = new List<string>();
        var (depth, start, inString) = (0, 0, false);
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '\'':
                    inString = !inString;
                    break;
                case '(' when !inString:
                    depth++;
                    break;
                case ')' when !inString:
                    depth--;
                    break;
                case ',' when !inString && depth == 0:
                    items.Add(list[start..i]);
                    start = i + 1;
                    break;
            }
        }
        items.Add(list[start..]);
        return items;
    }

    /// <summary><c>expr AS alias</c>, <c>t.column</c> or <c>column</c> → its name.</summary>
    private static string Alias(string item)
    {
        var text = item.Trim();
        var end = text.Length;
        var start = end;
        while (start > 0 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '_' or '$' or '#'))
        {
            start--;
        }
        var name = text[start..end];
        var before = text[..start].TrimEnd();
        var isAlias = before.Length == 0 || before.EndsWith('.')
            || (before.EndsWith("AS", StringComparison.OrdinalIgnoreCase)
                && (before.Length == 2 || char.IsWhiteSpace(before[^3]) || before[^3] == ')'));
        return name.Length > 0 && isAlias
            ? name.ToUpperInvariant()
            : throw new InvalidOperationException($"select item without a name (give it AS alias): {text}");
    }
}
