namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>
/// The parts of a trigger's text (DBA_SOURCE, with or without its CREATE and header) that row-level
/// analysis needs: the row code (the body, or a compound trigger's BEFORE EACH ROW section only), the
/// REFERENCING name of the new row, and what the trigger predicates are on an insert.
/// </summary>
public static class PlSqlTriggerText
{
    /// <summary>The statements that run for each inserted row, or null when the text has none.</summary>
    public static IReadOnlyList<PlSqlStatement>? RowCode(IReadOnlyList<PlSqlToken> tokens, bool compound)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (compound)
        {
            var compoundAt = Find(tokens, ["COMPOUND", "TRIGGER"], 0);
            var top = compoundAt < 0 ? 0 : compoundAt + 2;
            var section = Find(tokens, ["BEFORE", "EACH", "ROW", "IS"], top);
            if (section < 0)
            {
                return null;
            }
            // Trigger-level declarations run once per statement: their names are known, their values are not per row.
            var globals = new PlSqlReader(tokens, top)
                .ReadDeclarationsAndBlock("BEFORE", "AFTER", "INSTEAD").Declarations
                .Select(d => d is PlSqlSimpleStatement { Tokens: [{ IsName: true } name, ..] }
                    ? new PlSqlSimpleStatement([name])
                    : d);
            var row = new PlSqlReader(tokens, section + 4).ReadDeclarationsAndBlock();
            return [row with { Declarations = [.. globals, .. row.Declarations] }];
        }
        var start = BodyStart(tokens);
        return start < 0 ? null : new PlSqlReader(tokens, start).ReadAll();
    }

    /// <summary>The new row's name from a REFERENCING clause (<c>NEW AS n</c>), or null when not renamed.</summary>
    public static string? NewAlias(IReadOnlyList<PlSqlToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var end = BodyStart(tokens);
        end = end < 0 ? tokens.Count : end;
        for (var k = 0; k < end; k++)
        {
            if (!tokens[k].Is("REFERENCING"))
            {
                continue;
            }
            var j = k + 1;
            while (j + 1 < end && (tokens[j].Is("NEW") || tokens[j].Is("OLD") || tokens[j].Is("PARENT")))
            {
                var which = tokens[j].Value;
                j += tokens[j + 1].Is("AS") ? 2 : 1;
                if (j < end && tokens[j].IsName && which == "NEW")
                {
                    return tokens[j].Value;
                }
                j++;
            }
        }
        return null;
    }

    /// <summary>
    /// A condition's value while a row is inserted: INSERTING is true, UPDATING and DELETING (with or
    /// without a column) are false, combined through AND, OR, NOT and parentheses; null when unknown.
    /// </summary>
    public static bool? OnInsert(IReadOnlyList<PlSqlToken> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Or(condition, 0, condition.Count);
    }

    private static bool? Or(IReadOnlyList<PlSqlToken> t, int from, int to)
    {
        var parts = Split(t, from, to, "OR").Select(p => And(t, p.From, p.To)).ToList();
        return parts.Any(p => p == true) ? true : parts.All(p => p == false) ? false : null;
    }

    private static bool? And(IReadOnlyList<PlSqlToken> t, int from, int to)
    {
        var parts = Split(t, from, to, "AND").Select(p => Term(t, p.From, p.To)).ToList();
        return parts.Any(p => p == false) ? false : parts.All(p => p == true) ? true : null;
    }

    private static bool? Term(IReadOnlyList<PlSqlToken> t, int from, int to)
    {
        if (from >= to)
        {
            return null;
        }
        if (t[from].Is("NOT"))
        {
            return !Term(t, from + 1, to);
        }
        if (t[from].Is("(") && PlSqlExpression.Matching(t, from) == to - 1)
        {
            return Or(t, from + 1, to - 1);
        }
        var calledOrBare = from + 1 == to || (t[from + 1].Is("(") && PlSqlExpression.Matching(t, from + 1) == to - 1);
        if (!calledOrBare)
        {
            return null;
        }
        return t[from].Is("INSERTING") ? true : t[from].Is("UPDATING") || t[from].Is("DELETING") ? false : null;
    }

    private static List<(int From, int To)> Split(IReadOnlyList<PlSqlToken> t, int from, int to, string word)
    {
        var parts = new List<(int, int)>();
        var depth = 0;
        var start = from;
        for (var k = from; k < to; k++)
        {
            depth += t[k].Is("(") || t[k].Is("CASE") ? 1 : t[k].Is(")") || t[k].Is("END") ? -1 : 0;
            if (depth == 0 && t[k].Is(word))
            {
                parts.Add((start, k));
                start = k + 1;
            }
        }
        parts.Add((start, to));
        return parts;
    }

    /// <summary>Where the PL/SQL body starts: the first DECLARE, BEGIN or label outside parentheses.</summary>
    private static int BodyStart(IReadOnlyList<PlSqlToken> tokens)
    {
        var depth = 0;
        for (var k = 0; k < tokens.Count; k++)
        {
            var t = tokens[k];
            if (depth == 0 && (t.Is("DECLARE") || t.Is("BEGIN") || t.Is("<<")))
            {
                return k;
            }
            depth += t.Is("(") ? 1 : t.Is(")") ? -1 : 0;
        }
        return -1;
    }

    private static int Find(IReadOnlyList<PlSqlToken> tokens, string[] words, int from)
    {
        for (var k = from; k + words.Length <= tokens.Count; k++)
        {
            var all = true;
            for (var w = 0; w < words.Length && all; w++)
            {
                all = tokens[k + w].Is(words[w]);
            }
            if (all)
            {
                return k;
            }
        }
        return -1;
    }
}
