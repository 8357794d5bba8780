namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>
/// Splits PL/SQL text into tokens in one linear pass. Comments are dropped; string literals (ordinary,
/// N'', and q'[...]' with any delimiter) become one token each, so text inside them is never read as
/// code. Conditional compilation keeps the code of every branch: the <c>$IF ... $THEN</c>,
/// <c>$ELSIF ... $THEN</c>, <c>$ELSE</c> and <c>$END</c> directives are dropped and <c>$ERROR ... $END</c>
/// is dropped whole.
/// </summary>
public static class PlSqlLexer
{
    private static readonly string[] TwoCharSymbols =
        [":=", "=>", "||", "..", "<=", ">=", "<>", "!=", "~=", "^=", "**", "<<", ">>"];

    /// <summary>The tokens of <paramref name="text"/>; its first line is 1 + <paramref name="lineOffset"/>.</summary>
    public static IReadOnlyList<PlSqlToken> Tokenize(string text, int lineOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<PlSqlToken>();
        var line = 1 + lineOffset;
        var i = 0;
        // 0: code; 1: inside a $IF/$ELSIF condition, until $THEN; 2: inside $ERROR, until $END.
        var skipping = 0;

        void Add(PlSqlTokenKind kind, string value, int start, int startLine)
        {
            if (skipping == 0)
            {
                tokens.Add(new PlSqlToken(kind, value, startLine, start, i - start));
            }
        }

        while (i < text.Length)
        {
            var c = text[i];
            var start = i;
            var startLine = line;
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && Peek(text, i + 1) == '-')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && Peek(text, i + 1) == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                line += Lines(text, i, end);
                i = end;
            }
            else if (IsQQuote(text, i, out var open))
            {
                var close = Closing(text[open]);
                var end = open + 1;
                while (end < text.Length && !(text[end] == close && Peek(text, end + 1) == '\''))
                {
                    end++;
                }
                var value = text[(open + 1)..Math.Min(end, text.Length)];
                line += Lines(text, i, Math.Min(end + 2, text.Length));
                i = Math.Min(end + 2, text.Length);
                Add(PlSqlTokenKind.String, value, start, startLine);
            }
            else if (c == '\'' || ((c is 'n' or 'N') && Peek(text, i + 1) == '\''))
            {
                i = c == '\'' ? i + 1 : i + 2;
                var sb = new System.Text.StringBuilder();
                while (i < text.Length)
                {
                    if (text[i] == '\'')
                    {
                        if (Peek(text, i + 1) != '\'')
                        {
                            i++;
                            break;
                        }
                        i++;
                    }
                    if (text[i] == '\n')
                    {
                        line++;
                    }
                    sb.Append(text[i]);
                    i++;
                }
                Add(PlSqlTokenKind.String, sb.ToString(), start, startLine);
            }
            else if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                end = end < 0 ? text.Length : end;
                line += Lines(text, i, end);
                var value = text[(i + 1)..end];
                i = Math.Min(end + 1, text.Length);
                Add(PlSqlTokenKind.QuotedWord, value, start, startLine);
            }
            else if (c == '$' && Peek(text, i + 1) == '$')
            {
                i += 2;
                i = WordEnd(text, i);
                Add(PlSqlTokenKind.Word, text[start..i].ToUpperInvariant(), start, startLine);
            }
            else if (c == '$' && char.IsAsciiLetter(Peek(text, i + 1)))
            {
                i = WordEnd(text, i + 1);
                skipping = text[(start + 1)..i].ToUpperInvariant() switch
                {
                    "IF" or "ELSIF" => 1,
                    "ERROR" => 2,
                    "THEN" when skipping == 1 => 0,
                    "END" => 0,
                    _ => skipping,
                };
            }
            else if (char.IsLetter(c))
            {
                i = WordEnd(text, i + 1);
                Add(PlSqlTokenKind.Word, text[start..i].ToUpperInvariant(), start, startLine);
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(text, i + 1))))
            {
                i = NumberEnd(text, i);
                Add(PlSqlTokenKind.Number, text[start..i], start, startLine);
            }
            else if (c == ':' && Peek(text, i + 1) != '=' && BindName(text, i + 1) is var name && name >= 0)
            {
                line += Lines(text, i, name);
                if (text[name] == '"')
                {
                    var end = text.IndexOf('"', name + 1);
                    end = end < 0 ? text.Length : end;
                    var value = text[(name + 1)..end];
                    i = Math.Min(end + 1, text.Length);
                    Add(PlSqlTokenKind.Bind, value, start, startLine);
                }
                else
                {
                    i = WordEnd(text, name + 1);
                    Add(PlSqlTokenKind.Bind, text[name..i].ToUpperInvariant(), start, startLine);
                }
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                i += Array.IndexOf(TwoCharSymbols, two) >= 0 ? 2 : 1;
                Add(PlSqlTokenKind.Symbol, text[start..i], start, startLine);
            }
        }
        return tokens;
    }

    private static char Peek(string text, int at) => at < text.Length ? text[at] : '\0';

    private static int Lines(string text, int from, int to)
    {
        var n = 0;
        for (var k = from; k < to && k < text.Length; k++)
        {
            n += text[k] == '\n' ? 1 : 0;
        }
        return n;
    }

    private static int WordEnd(string text, int i)
    {
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '$' or '#'))
        {
            i++;
        }
        return i;
    }

    private static int NumberEnd(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        // "1..10" is a range: the first dot is not a decimal point.
        if (Peek(text, i) == '.' && Peek(text, i + 1) != '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }
        if (Peek(text, i) is 'e' or 'E' && (char.IsAsciiDigit(Peek(text, i + 1))
            || (Peek(text, i + 1) is '+' or '-' && char.IsAsciiDigit(Peek(text, i + 2)))))
        {
            i += 2;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }
        return i;
    }

    /// <summary>Where the name of a bind reference starts (blanks may follow the colon), or -1.</summary>
    private static int BindName(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n')
        {
            i++;
        }
        return i < text.Length && (char.IsLetter(text[i]) || text[i] == '"') ? i : -1;
    }

    /// <summary>
    /// A q-quoted literal (<c>q'</c>, <c>nq'</c>) starts at i; <paramref name="open"/> is its delimiter.
    /// </summary>
    private static bool IsQQuote(string text, int i, out int open)
    {
        open = -1;
        var q = text[i] is 'n' or 'N' && Peek(text, i + 1) is 'q' or 'Q' ? i + 1 : i;
        if (text[q] is not ('q' or 'Q') || Peek(text, q + 1) != '\'' || q + 2 >= text.Length
            || char.IsWhiteSpace(text[q + 2]))
        {
            return false;
        }
        // Words are read whole, so a q inside one never gets here; a q right after a word's end is not a prefix.
        if (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '_' or '$' or '#'))
        {
            return false;
        }
        open = q + 2;
        return true;
    }

    private static char Closing(char open) => open switch
    {
        '[' => ']',
        '{' => '}',
        '<' => '>',
        '(' => ')',
        _ => open,
    };
}
