namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>
/// A stored program unit's text (DBA_SOURCE, with or without CREATE OR REPLACE) as one block whose
/// declarations are its subprograms: a package or type body's members, or a standalone procedure or
/// function as the only one.
/// </summary>
public static class PlSqlUnitText
{
    private static readonly HashSet<string> MemberWords =
        ["MEMBER", "STATIC", "CONSTRUCTOR", "MAP", "ORDER", "FINAL", "OVERRIDING", "INSTANTIABLE", "NOT"];

    /// <summary>The unit's block, or null when the text is not a body with code.</summary>
    public static PlSqlBlock? Unit(IReadOnlyList<PlSqlToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Is("PROCEDURE") || t.Is("FUNCTION"))
            {
                return new PlSqlReader(tokens, i).ReadDeclarationsAndBlock();
            }
            if ((t.Is("PACKAGE") || t.Is("TYPE")) && i + 1 < tokens.Count && tokens[i + 1].Is("BODY"))
            {
                var body = Body(tokens, i + 2);
                if (body < 0)
                {
                    return null;
                }
                // Type members read as subprograms once their qualifiers are dropped.
                IReadOnlyList<PlSqlToken> members = t.Is("TYPE")
                    ? [.. tokens.Where((m, k) => k < body || !IsMemberWord(tokens, k))]
                    : tokens;
                return new PlSqlReader(members, body).ReadDeclarationsAndBlock();
            }
            if (t.Is("PACKAGE") || t.Is("TYPE") || t.Is("TRIGGER"))
            {
                return null; // a specification or a trigger: no code of its own here
            }
        }
        return null;
    }

    /// <summary>The first token after the unit header's IS or AS, or -1.</summary>
    private static int Body(IReadOnlyList<PlSqlToken> tokens, int from)
    {
        for (var k = from; k < tokens.Count; k++)
        {
            if (tokens[k].Is("IS") || tokens[k].Is("AS"))
            {
                return k + 1;
            }
        }
        return -1;
    }

    /// <summary>A qualifier (MEMBER, STATIC, MAP, ...) that a FUNCTION or PROCEDURE follows.</summary>
    private static bool IsMemberWord(IReadOnlyList<PlSqlToken> tokens, int k)
    {
        var j = k;
        while (j < tokens.Count && tokens[j].Kind == PlSqlTokenKind.Word && MemberWords.Contains(tokens[j].Value))
        {
            j++;
        }
        return j > k && j < tokens.Count && (tokens[j].Is("FUNCTION") || tokens[j].Is("PROCEDURE"));
    }
}
