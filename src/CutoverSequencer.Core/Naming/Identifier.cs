using System.Globalization;
using System.Text;

namespace CutoverSequencer.Core.Naming;

/// <summary>PostgreSQL identifier rules: folding, quoting and display.</summary>
public static class Identifier
{
    /// <summary>Parses one identifier (a column name, a schema name): unquoted folds to lower case.</summary>
    public static string Parse(string text)
    {
        var parts = SplitQualified(text);
        if (parts.Count != 1)
        {
            throw new FormatException($"'{text}' must be a single name, not a qualified one");
        }
        return parts[0];
    }

    public static string Quote(string identifier) =>
        "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Shows an identifier unquoted when PostgreSQL would read it back unchanged.</summary>
    public static string Display(string identifier) => IsPlain(identifier) ? identifier : Quote(identifier);

    private static bool IsPlain(string identifier)
    {
        if (identifier.Length == 0 || !(char.IsAsciiLetterLower(identifier[0]) || identifier[0] == '_'))
        {
            return false;
        }
        foreach (var c in identifier)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_' || c == '$'))
            {
                return false;
            }
        }
        return true;
    }

    internal static List<string> SplitQualified(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<string>();
        var i = 0;
        text = text.Trim();
        if (text.Length == 0)
        {
            throw new FormatException("a name is empty");
        }
        while (true)
        {
            if (i >= text.Length)
            {
                throw new FormatException($"'{text}' ends with a dot");
            }
            parts.Add(text[i] == '"' ? ReadQuoted(text, ref i) : ReadUnquoted(text, ref i));
            if (i == text.Length)
            {
                return parts;
            }
            if (text[i] != '.')
            {
                throw new FormatException($"'{text}' is not a valid name (unexpected '{text[i]}' at position {i + 1})");
            }
            i++;
        }
    }

    private static string ReadQuoted(string text, ref int i)
    {
        var sb = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            if (char.IsControl(text[i]))
            {
                throw new FormatException($"a quoted name contains a control character (U+{(int)text[i]:X4})");
            }
            if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    sb.Append('"');
                    i += 2;
                    continue;
                }
                i++;
                if (sb.Length == 0)
                {
                    throw new FormatException($"'{text}' contains an empty quoted name");
                }
                return sb.ToString();
            }
            sb.Append(text[i++]);
        }
        throw new FormatException($"'{text}' has an unterminated quoted name");
    }

    private static string ReadUnquoted(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && text[i] != '.')
        {
            var c = text[i];
            var ok = char.IsLetter(c) || c == '_' || (i > start && (char.IsDigit(c) || c == '$'));
            if (!ok)
            {
                throw new FormatException(
                    $"'{text}' is not a valid name: '{c}' is not allowed in an unquoted name "
                    + "(quote it with double quotes)");
            }
            i++;
        }
        if (i == start)
        {
            throw new FormatException($"'{text}' contains an empty name part");
        }
        return text[start..i].ToLower(CultureInfo.InvariantCulture);
    }
}
