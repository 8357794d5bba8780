namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>INSERT statements: where tracked values are stored into a table's columns.</summary>
public sealed partial class PlSqlFlowAnalysis
{
    /// <summary>
    /// The index of the INSERT keyword of a single-table insert (plain, after FORALL's header, or a
    /// MERGE's WHEN NOT MATCHED branch), or -1. Multi-table INSERT ALL/FIRST is not read.
    /// </summary>
    private static int InsertAt(IReadOnlyList<PlSqlToken> t)
    {
        if (t[0].Is("INSERT"))
        {
            return t.Count > 1 && t[1].Is("INTO") ? 0 : -1;
        }
        if (t[0].Is("FORALL") || t[0].Is("MERGE"))
        {
            var at = Index(t, "INSERT", 1);
            return at > 0 && (t[0].Is("MERGE") || (at + 1 < t.Count && t[at + 1].Is("INTO"))) ? at : -1;
        }
        return -1;
    }

    private void Insert(IReadOnlyList<PlSqlToken> t, int insert, PlSqlScope scope, bool conditional)
    {
        // The table: after INSERT INTO, or after MERGE INTO for a MERGE's insert branch.
        var nameAt = t[0].Is("MERGE") ? (t.Count > 1 && t[1].Is("INTO") ? 2 : -1) : insert + 2;
        if (nameAt < 0 || nameAt >= t.Count || !t[nameAt].IsName)
        {
            return;
        }
        var table = new List<string> { t[nameAt].Value };
        var k = nameAt + 1;
        while (k + 1 < t.Count && t[k].Is(".") && t[k + 1].IsName)
        {
            table.Add(t[k + 1].Value);
            k += 2;
        }
        if (k < t.Count && t[k].Is("@"))
        {
            return; // a remote table (database link): not this database's key
        }
        k = t[0].Is("MERGE") ? insert + 1 : k;
        // An alias, then the column list.
        if (k < t.Count && t[k].IsName && !IsInsertKeyword(t[k]))
        {
            k++;
        }
        List<string>? columns = null;
        if (k < t.Count && t[k].Is("(") && !(k + 1 < t.Count && (t[k + 1].Is("SELECT") || t[k + 1].Is("WITH"))))
        {
            var close = PlSqlExpression.Matching(t, k);
            if (close < 0)
            {
                return;
            }
            columns = [.. PlSqlExpression.SplitCommas(t, k + 1, close)
                .Select(c => c.To > c.From && t[c.To - 1].IsName ? t[c.To - 1].Value : "")];
            k = close + 1;
        }
        var (items, inSql, end) = InsertValues(t, k);
        if (items is null)
        {
            return;
        }
        var stored = new Dictionary<string, IReadOnlyList<PlSqlOrigin>>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var (from, to) = items[i];
            var origins = PlSqlExpression.Origins(
                t, from, inSql ? PlSqlExpression.WithoutAlias(t, from, to) : to, scope, inSql);
            if (origins.Count == 0)
            {
                continue;
            }
            var column = columns is null ? null : i < columns.Count ? columns[i] : null;
            if (columns is not null && string.IsNullOrEmpty(column))
            {
                continue;
            }
            var evidence = Evidence(t);
            foreach (var origin in origins)
            {
                writes.Add(new PlSqlWrite
                {
                    Target = column is null ? [] : [column],
                    Form = PlSqlWriteForm.Insert,
                    Table = table,
                    Position = i + 1,
                    Origin = origin with
                    {
                        Conditional = origin.Conditional || conditional,
                        Evidence = [.. origin.Evidence, evidence],
                    },
                });
            }
            if (column is not null)
            {
                stored[column] = origins;
            }
        }
        Returning(t, end, stored, scope, conditional);
    }

    private static bool IsInsertKeyword(PlSqlToken token) =>
        token.Is("VALUES") || token.Is("SELECT") || token.Is("WITH") || token.Is("DEFAULT");

    /// <summary>The value expressions of VALUES (...) or the select list of the query, and where they end.</summary>
    private static (List<(int From, int To)>? Items, bool InSql, int End) InsertValues(
        IReadOnlyList<PlSqlToken> t, int k)
    {
        if (k < t.Count && t[k].Is("VALUES"))
        {
            if (k + 1 >= t.Count || !t[k + 1].Is("("))
            {
                return (null, false, k); // VALUES record: the fields are not named here
            }
            var close = PlSqlExpression.Matching(t, k + 1);
            return close < 0 ? (null, false, k) : (PlSqlExpression.SplitCommas(t, k + 2, close), false, close + 1);
        }
        var open = k < t.Count && t[k].Is("(") ? 1 : 0;
        var select = k + open;
        if (select < t.Count && t[select].Is("WITH"))
        {
            select = Index(t, "SELECT", select + 1);
        }
        if (select < 0 || select >= t.Count || !t[select].Is("SELECT"))
        {
            return (null, false, k);
        }
        var first = select + 1;
        while (first < t.Count && (t[first].Is("DISTINCT") || t[first].Is("UNIQUE") || t[first].Is("ALL")))
        {
            first++;
        }
        var from = Index(t, "FROM", first);
        if (from < 0)
        {
            return (null, false, k);
        }
        return (PlSqlExpression.SplitCommas(t, first, from), true, from);
    }

    /// <summary><c>RETURNING col, ... INTO var, ...</c>: the variables then hold what went into the columns.</summary>
    private void Returning(IReadOnlyList<PlSqlToken> t, int from,
        Dictionary<string, IReadOnlyList<PlSqlOrigin>> stored, PlSqlScope scope, bool conditional)
    {
        var returning = Index(t, "RETURNING", from);
        returning = returning < 0 ? Index(t, "RETURN", from) : returning;
        var into = returning < 0 ? -1 : Index(t, "INTO", returning + 1);
        if (into < 0)
        {
            return;
        }
        var listEnd = into >= 3 && t[into - 1].Is("COLLECT") && t[into - 2].Is("BULK") ? into - 2 : into;
        var returned = PlSqlExpression.SplitCommas(t, returning + 1, listEnd);
        var targets = PlSqlExpression.SplitCommas(t, into + 1, t.Count);
        for (var i = 0; i < targets.Count && i < returned.Count; i++)
        {
            var (rFrom, rTo) = returned[i];
            if (rTo - rFrom != 1 || !stored.TryGetValue(t[rFrom].Value, out var origins))
            {
                continue;
            }
            var (bind, path) = Target(t, targets[i].From, targets[i].To);
            if (path is not null)
            {
                Store(bind, path, PlSqlWriteForm.SelectInto, origins, t, scope, conditional);
            }
        }
    }
}
