namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>
/// Reads tokens into statements: blocks (DECLARE/BEGIN/EXCEPTION/END, labels), IF/ELSIF/ELSE, CASE,
/// loops, nested procedures and functions, and simple statements up to their semicolon. It never
/// fails: text it cannot place is read as simple statements, so a malformed body still yields what
/// it can.
/// </summary>
public sealed class PlSqlReader
{
    private static readonly HashSet<string> StopWords = ["END", "EXCEPTION", "ELSIF", "ELSE", "WHEN"];

    private readonly IReadOnlyList<PlSqlToken> tokens;
    private int at;

    public PlSqlReader(IReadOnlyList<PlSqlToken> tokens, int start = 0)
    {
        this.tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        at = start;
    }

    /// <summary>Where reading stands.</summary>
    public int Position => at;

    /// <summary>Statements from here to the end; stray END/ELSE/WHEN words are skipped.</summary>
    public IReadOnlyList<PlSqlStatement> ReadAll()
    {
        var all = new List<PlSqlStatement>();
        while (at < tokens.Count)
        {
            all.AddRange(ReadStatements());
            if (at < tokens.Count)
            {
                at++;
            }
        }
        return all;
    }

    /// <summary>Declarations, then the block that follows them (from BEGIN).</summary>
    public PlSqlBlock ReadDeclarationsAndBlock(params string[] alsoStopAt)
    {
        var declarations = ReadDeclarations(alsoStopAt);
        if (!Current("BEGIN"))
        {
            return new PlSqlBlock(declarations, [], []);
        }
        var block = ReadBlock();
        return block with { Declarations = declarations };
    }

    private bool Current(string word) => at < tokens.Count && tokens[at].Is(word);

    private bool Next(string word) => at + 1 < tokens.Count && tokens[at + 1].Is(word);

    private List<PlSqlStatement> ReadStatements()
    {
        var statements = new List<PlSqlStatement>();
        while (at < tokens.Count)
        {
            var t = tokens[at];
            if (t.Kind == PlSqlTokenKind.Word && StopWords.Contains(t.Value))
            {
                break;
            }
            if (t.Is(";"))
            {
                at++;
            }
            else if (t.Is("<<"))
            {
                SkipPast(">>");
            }
            else if (t.Is("DECLARE"))
            {
                at++;
                statements.Add(ReadDeclarationsAndBlock());
            }
            else if (t.Is("BEGIN"))
            {
                statements.Add(ReadBlock());
            }
            else if (t.Is("IF"))
            {
                statements.Add(ReadIf());
            }
            else if (t.Is("CASE"))
            {
                statements.Add(ReadCase());
            }
            else if (t.Is("LOOP") || t.Is("WHILE") || t.Is("FOR"))
            {
                statements.Add(ReadLoop());
            }
            else
            {
                statements.Add(new PlSqlSimpleStatement(ReadUntilSemicolon()));
            }
        }
        return statements;
    }

    private List<PlSqlStatement> ReadDeclarations(string[] alsoStopAt)
    {
        var declarations = new List<PlSqlStatement>();
        while (at < tokens.Count && !Current("BEGIN") && !Current("END") && !alsoStopAt.Any(Current))
        {
            if (Current("PROCEDURE") || Current("FUNCTION"))
            {
                if (ReadSubprogram() is { } subprogram)
                {
                    declarations.Add(subprogram);
                }
            }
            else if (Current(";"))
            {
                at++;
            }
            else
            {
                declarations.Add(new PlSqlSimpleStatement(ReadUntilSemicolon()));
            }
        }
        return declarations;
    }

    private PlSqlSubprogram? ReadSubprogram()
    {
        var isFunction = Current("FUNCTION");
        at++;
        var name = at < tokens.Count ? tokens[at].Value : "";
        var depth = 0;
        while (at < tokens.Count)
        {
            var t = tokens[at];
            depth += t.Is("(") ? 1 : t.Is(")") ? -1 : 0;
            if (depth == 0 && t.Is(";"))
            {
                at++;
                return null;
            }
            if (depth == 0 && (t.Is("IS") || t.Is("AS")))
            {
                break;
            }
            at++;
        }
        at++;
        if (Current("LANGUAGE") || Current("EXTERNAL"))
        {
            ReadUntilSemicolon();
            return null;
        }
        return new PlSqlSubprogram(name, isFunction, ReadDeclarationsAndBlock());
    }

    private PlSqlBlock ReadBlock()
    {
        at++;
        var body = ReadStatements();
        var handlers = new List<PlSqlBranch>();
        if (Current("EXCEPTION"))
        {
            at++;
            while (Current("WHEN"))
            {
                at++;
                var condition = ReadUntil("THEN");
                handlers.Add(new PlSqlBranch(condition, ReadStatements()));
            }
        }
        SkipEnd();
        return new PlSqlBlock([], body, handlers);
    }

    private PlSqlBranching ReadIf()
    {
        var branches = new List<PlSqlBranch>();
        at++;
        branches.Add(new PlSqlBranch(ReadUntil("THEN"), ReadStatements()));
        while (Current("ELSIF"))
        {
            at++;
            branches.Add(new PlSqlBranch(ReadUntil("THEN"), ReadStatements()));
        }
        if (Current("ELSE"))
        {
            at++;
            branches.Add(new PlSqlBranch(null, ReadStatements()));
        }
        SkipEnd();
        return new PlSqlBranching(branches);
    }

    private PlSqlBranching ReadCase()
    {
        at++;
        var selector = ReadUntil("WHEN", consume: false);
        var branches = new List<PlSqlBranch>();
        while (Current("WHEN"))
        {
            at++;
            var condition = ReadUntil("THEN");
            // A simple CASE compares its selector: the branch condition is "selector = value".
            IReadOnlyList<PlSqlToken> full = selector.Count == 0 ? condition : [.. selector, .. condition];
            branches.Add(new PlSqlBranch(full, ReadStatements()));
        }
        if (Current("ELSE"))
        {
            at++;
            branches.Add(new PlSqlBranch(null, ReadStatements()));
        }
        SkipEnd();
        return new PlSqlBranching(branches);
    }

    private PlSqlLoop ReadLoop()
    {
        var header = Current("LOOP") ? [] : ReadUntil("LOOP", consume: false);
        at++;
        var body = ReadStatements();
        SkipEnd();
        return new PlSqlLoop(header, body);
    }

    /// <summary>END and what names it (IF, LOOP, CASE, a label, "BEFORE EACH ROW") up to its semicolon.</summary>
    private void SkipEnd()
    {
        if (!Current("END"))
        {
            return;
        }
        at++;
        for (var n = 0; n < 4 && at < tokens.Count && tokens[at].IsName && !StopWords.Contains(tokens[at].Value); n++)
        {
            if (tokens[at].Is("BEGIN") || tokens[at].Is("DECLARE"))
            {
                break;
            }
            at++;
        }
        if (Current(";"))
        {
            at++;
        }
    }

    private void SkipPast(string symbol)
    {
        while (at < tokens.Count && !tokens[at].Is(symbol))
        {
            at++;
        }
        at++;
    }

    /// <summary>The tokens up to a word at parenthesis and CASE depth 0 (consumed unless told).</summary>
    private List<PlSqlToken> ReadUntil(string word, bool consume = true)
    {
        var result = new List<PlSqlToken>();
        var depth = 0;
        var cases = 0;
        while (at < tokens.Count)
        {
            var t = tokens[at];
            if (depth == 0 && cases == 0 && t.Is(word))
            {
                at += consume ? 1 : 0;
                return result;
            }
            if (depth == 0 && t.Is(";"))
            {
                return result;
            }
            depth += t.Is("(") ? 1 : t.Is(")") ? -1 : 0;
            cases += t.Is("CASE") ? 1 : t.Is("END") && cases > 0 ? -1 : 0;
            result.Add(t);
            at++;
        }
        return result;
    }

    private List<PlSqlToken> ReadUntilSemicolon()
    {
        var result = new List<PlSqlToken>();
        var depth = 0;
        while (at < tokens.Count)
        {
            var t = tokens[at];
            at++;
            if (depth <= 0 && t.Is(";"))
            {
                break;
            }
            depth += t.Is("(") ? 1 : t.Is(")") ? -1 : 0;
            result.Add(t);
        }
        return result;
    }
}
