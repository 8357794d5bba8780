namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>
/// The values an expression may yield unchanged: <c>seq.NEXTVAL</c>, a tracked variable, a call's
/// result, or any of these through NVL, NVL2, COALESCE, DECODE, CASE, TO_NUMBER or parentheses. A
/// computed value (arithmetic, concatenation, another built-in) yields none: it is not the value the
/// sequence issued.
/// </summary>
public static class PlSqlExpression
{
    private static readonly HashSet<string> BinaryOperators = ["+", "-", "*", "/", "||", "**"];

    private static readonly HashSet<string> BuiltIns =
    [
        "ABS", "ADD_MONTHS", "ASCII", "AVG", "CAST", "CEIL", "CHR", "CONCAT", "COUNT", "CURRENT_DATE",
        "CURRENT_TIMESTAMP", "DUMP", "EXTRACT", "FLOOR", "GREATEST", "HEXTORAW", "INITCAP", "INSTR",
        "LAST_DAY", "LEAST", "LENGTH", "LOCALTIMESTAMP", "LOWER", "LPAD", "LTRIM", "MAX", "MIN", "MOD",
        "MONTHS_BETWEEN", "NEXT_DAY", "NULLIF", "NUMTODSINTERVAL", "NUMTOYMINTERVAL", "ORA_HASH", "POWER",
        "RAWTOHEX", "REGEXP_COUNT", "REGEXP_INSTR", "REGEXP_REPLACE", "REGEXP_SUBSTR", "REPLACE", "ROUND",
        "ROWNUM", "RPAD", "RTRIM", "SIGN", "SQLCODE", "SQLERRM", "STANDARD_HASH", "SUBSTR", "SUM",
        "SYS_CONTEXT", "SYS_GUID", "SYSDATE", "SYSTIMESTAMP", "TO_CHAR", "TO_DATE", "TO_NCHAR",
        "TO_TIMESTAMP", "TRANSLATE", "TRIM", "TRUNC", "UID", "UPPER", "USER", "USERENV", "NULL", "TRUE",
        "FALSE", "LEVEL",
    ];

    /// <summary>
    /// The values tokens [from, to) may yield. In SQL (<paramref name="inSql"/>) a name without
    /// parentheses is a column, not a call.
    /// </summary>
    public static IReadOnlyList<PlSqlOrigin> Origins(
        IReadOnlyList<PlSqlToken> t, int from, int to, PlSqlScope scope, bool inSql = false)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(scope);
        if (from >= to)
        {
            return [];
        }
        if (t[from].Is("(") && Matching(t, from) == to - 1)
        {
            return t[from + 1].Is("SELECT")
                ? FirstSelected(t, from + 2, to - 1, scope)
                : Origins(t, from + 1, to - 1, scope, inSql);
        }
        if (HasTopLevelOperator(t, from, to))
        {
            return [];
        }
        if (t[from].Is("CASE"))
        {
            return CaseResults(t, from, to, scope, inSql);
        }
        var bareBuiltIn = from + 1 == to && t[from].Kind == PlSqlTokenKind.Word && BuiltIns.Contains(t[from].Value);
        if (!t[from].IsName || bareBuiltIn)
        {
            return [];
        }
        var parts = new List<string> { t[from].Value };
        var j = from + 1;
        while (j + 1 < to && t[j].Is(".") && t[j + 1].IsName)
        {
            parts.Add(t[j + 1].Value);
            j += 2;
        }
        var name = string.Join(".", parts);
        if (j == to)
        {
            return NameValue(parts, name, scope, inSql);
        }
        if (t[j].Is("(") && Matching(t, j) == to - 1)
        {
            return CallValue(t, parts, name, j, to, scope, inSql);
        }
        return [];
    }

    /// <summary>The index of the parenthesis closing the one at <paramref name="open"/>, or -1.</summary>
    public static int Matching(IReadOnlyList<PlSqlToken> t, int open)
    {
        ArgumentNullException.ThrowIfNull(t);
        var depth = 0;
        for (var k = open; k < t.Count; k++)
        {
            depth += t[k].Is("(") ? 1 : t[k].Is(")") ? -1 : 0;
            if (depth == 0)
            {
                return k;
            }
        }
        return -1;
    }

    /// <summary>Splits [from, to) at commas outside parentheses and CASE.</summary>
    public static List<(int From, int To)> SplitCommas(IReadOnlyList<PlSqlToken> t, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(t);
        var items = new List<(int, int)>();
        var depth = 0;
        var start = from;
        for (var k = from; k < to; k++)
        {
            depth += t[k].Is("(") || t[k].Is("CASE") ? 1 : t[k].Is(")") || t[k].Is("END") ? -1 : 0;
            if (depth == 0 && t[k].Is(","))
            {
                items.Add((start, k));
                start = k + 1;
            }
        }
        if (start < to || items.Count > 0)
        {
            items.Add((start, to));
        }
        return items;
    }

    /// <summary>A select-list item without its column alias (<c>expr AS name</c> or <c>expr name</c>).</summary>
    public static int WithoutAlias(IReadOnlyList<PlSqlToken> t, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (to - from >= 2 && t[to - 1].IsName && !t[to - 1].Is("END"))
        {
            var before = t[to - 2];
            if (before.Is("AS"))
            {
                return to - 2;
            }
            if (before.IsName || before.Is(")") || before.Kind is PlSqlTokenKind.Number or PlSqlTokenKind.String)
            {
                return to - 1;
            }
        }
        return to;
    }

    private static IReadOnlyList<PlSqlOrigin> NameValue(List<string> parts, string name, PlSqlScope scope, bool inSql)
    {
        var last = parts[^1];
        if (parts.Count >= 2 && last == "NEXTVAL")
        {
            return [new PlSqlOrigin { Kind = PlSqlOriginKind.SequenceNextValue, Name = parts[..^1] }];
        }
        if (last == "CURRVAL")
        {
            return [];
        }
        if (scope.Value(name) is { } value)
        {
            return value;
        }
        if (scope.Function(name) is { } results)
        {
            return Through(results, name);
        }
        // A name that is not local is a package member or a schema-level function without arguments.
        var called = !inSql && (parts.Count >= 2
            ? !scope.IsLocal(parts[0]) && !IsOraclePackage(parts[0])
            : !scope.IsLocal(name) && !BuiltIns.Contains(name));
        return called ? [new PlSqlOrigin { Kind = PlSqlOriginKind.FunctionCall, Name = parts }] : [];
    }

    private static IReadOnlyList<PlSqlOrigin> CallValue(
        IReadOnlyList<PlSqlToken> t, List<string> parts, string name, int open, int to, PlSqlScope scope, bool inSql)
    {
        var args = SplitCommas(t, open + 1, to - 1);
        IEnumerable<int> results = name switch
        {
            "NVL" or "COALESCE" => Enumerable.Range(0, args.Count),
            "NVL2" => Enumerable.Range(1, Math.Max(0, args.Count - 1)),
            // DECODE(expr, search, result, ..., default): the results and the default.
            "DECODE" => Enumerable.Range(0, args.Count)
                .Where(k => (k >= 2 && k % 2 == 0) || (k >= 3 && k == args.Count - 1)),
            "TO_NUMBER" => args.Count > 0 ? [0] : [],
            _ => [],
        };
        if (name is "NVL" or "COALESCE" or "NVL2" or "DECODE" or "TO_NUMBER")
        {
            return [.. results.SelectMany(k => Origins(t, args[k].From, args[k].To, scope, inSql))
                .Select(o => o with { Wrappers = [name, .. o.Wrappers] })];
        }
        if (scope.Function(name) is { } local)
        {
            return Through(local, name);
        }
        if (scope.Value(name) is { } element)
        {
            return element;
        }
        if (parts.Count == 1 && (BuiltIns.Contains(name) || scope.IsLocal(name)) || IsOraclePackage(parts[0]))
        {
            return [];
        }
        return [new PlSqlOrigin { Kind = PlSqlOriginKind.FunctionCall, Name = parts }];
    }

    private static IReadOnlyList<PlSqlOrigin> Through(IReadOnlyList<PlSqlOrigin> results, string function) =>
        [.. results.Select(o => o with
        {
            Variables = [.. o.Variables, function + "()"],
            FirstForm = o.FirstForm ?? PlSqlWriteForm.Return,
        })];

    private static bool IsOraclePackage(string name) =>
        name is "SYS" or "STANDARD"
        || name.StartsWith("DBMS_", StringComparison.Ordinal)
        || name.StartsWith("UTL_", StringComparison.Ordinal);

    private static IReadOnlyList<PlSqlOrigin> FirstSelected(
        IReadOnlyList<PlSqlToken> t, int from, int to, PlSqlScope scope)
    {
        var end = from;
        var depth = 0;
        while (end < to && !(depth == 0 && (t[end].Is("FROM") || t[end].Is("INTO"))))
        {
            depth += t[end].Is("(") ? 1 : t[end].Is(")") ? -1 : 0;
            end++;
        }
        var items = SplitCommas(t, from, end);
        return items.Count == 1
            ? Origins(t, items[0].From, WithoutAlias(t, items[0].From, items[0].To), scope, inSql: true)
            : [];
    }

    private static bool HasTopLevelOperator(IReadOnlyList<PlSqlToken> t, int from, int to)
    {
        var depth = 0;
        for (var k = from; k < to; k++)
        {
            var token = t[k];
            depth += token.Is("(") || token.Is("CASE") ? 1 : token.Is(")") || token.Is("END") ? -1 : 0;
            var isOperator = token.Kind == PlSqlTokenKind.Symbol && BinaryOperators.Contains(token.Value);
            if (depth == 0 && k > from && isOperator)
            {
                return true;
            }
        }
        return false;
    }

    private static IReadOnlyList<PlSqlOrigin> CaseResults(
        IReadOnlyList<PlSqlToken> t, int from, int to, PlSqlScope scope, bool inSql)
    {
        var origins = new List<PlSqlOrigin>();
        var depth = 0;
        var start = -1;
        for (var k = from + 1; k < to; k++)
        {
            var token = t[k];
            if (depth == 0 && (token.Is("WHEN") || token.Is("ELSE") || token.Is("END")))
            {
                if (start >= 0)
                {
                    origins.AddRange(Origins(t, start, k, scope, inSql));
                }
                start = token.Is("ELSE") ? k + 1 : -1;
                if (token.Is("END"))
                {
                    break;
                }
                continue;
            }
            if (depth == 0 && token.Is("THEN"))
            {
                start = k + 1;
                continue;
            }
            depth += token.Is("(") || token.Is("CASE") ? 1 : token.Is(")") || token.Is("END") ? -1 : 0;
        }
        return [.. origins.Select(o => o with { Wrappers = ["CASE", .. o.Wrappers] })];
    }
}
