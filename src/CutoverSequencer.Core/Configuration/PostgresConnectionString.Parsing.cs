using System.Globalization;
using System.Text;

namespace CutoverSequencer.Core.Configuration;

/// <summary>Reading the two libpq forms: a postgresql:// URI and keyword=value pairs.</summary>
public static partial class PostgresConnectionString
{
    /// <summary>
    /// libpq's URI grammar: postgresql://[user[:password]@][host[:port][,...]][/dbname][?param=value&amp;...].
    /// </summary>
    private static List<(string Keyword, string Value)> ParseUri(string text)
    {
        var rest = text[(text.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var pairs = new List<(string, string)>();
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        var queryText = query < 0 ? null : rest[(query + 1)..];
        if (query >= 0)
        {
            rest = rest[..query];
        }
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var database = slash < 0 ? null : rest[(slash + 1)..];
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Decode(colon < 0 ? userInfo : userInfo[..colon], "the user name");
            if (user.Length > 0)
            {
                pairs.Add(("user", user));
            }
            if (colon >= 0)
            {
                pairs.Add(("password", Decode(userInfo[(colon + 1)..], "the password")));
            }
        }
        if (authority.Length > 0)
        {
            var hosts = new List<string>();
            var ports = new List<string>();
            foreach (var part in authority.Split(','))
            {
                string host;
                string port;
                if (part.StartsWith('['))
                {
                    // An IPv6 address in brackets, then an optional :port.
                    var close = part.IndexOf(']', StringComparison.Ordinal);
                    if (close < 0)
                    {
                        throw new FormatException("an IPv6 host address in the URI is missing its closing ']'");
                    }
                    host = part[1..close];
                    var after = part[(close + 1)..];
                    if (after.Length > 0 && after[0] != ':')
                    {
                        throw new FormatException("unexpected text after an IPv6 host address in the URI");
                    }
                    port = after.Length > 0 ? after[1..] : "";
                }
                else
                {
                    var colon = part.LastIndexOf(':');
                    host = Decode(colon < 0 ? part : part[..colon], "a host name");
                    port = colon < 0 ? "" : part[(colon + 1)..];
                }
                hosts.Add(host);
                ports.Add(Decode(port, "a port"));
            }
            if (hosts.Any(h => h.Length > 0))
            {
                pairs.Add(("host", string.Join(',', hosts)));
            }
            if (ports.Any(p => p.Length > 0))
            {
                pairs.Add(("port", string.Join(',', ports)));
            }
        }
        if (!string.IsNullOrEmpty(database))
        {
            pairs.Add(("dbname", Decode(database, "the database name")));
        }
        if (queryText is not null)
        {
            foreach (var parameter in queryText.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = parameter.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new FormatException("a URI parameter after '?' is not name=value");
                }
                var keyword = Decode(parameter[..equals], "a parameter name");
                pairs.Add((keyword, Decode(parameter[(equals + 1)..], $"the value of '{Safe(keyword)}'")));
            }
        }
        return pairs;
    }

    /// <summary>
    /// libpq's keyword = value pairs: values in single quotes may hold spaces; \' and \\ are escapes.
    /// </summary>
    private static List<(string Keyword, string Value)> ParseKeywordValue(string text)
    {
        var pairs = new List<(string, string)>();
        var previousQuoted = false;
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            if (i >= text.Length)
            {
                return pairs;
            }
            var start = i;
            while (i < text.Length && text[i] != '=' && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            var keyword = text[start..i];
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            // After an unquoted password the word may be the rest of it (a space in it): never echoed.
            var afterSecret = pairs.Count > 0 && IsSecret(pairs[^1].Item1) && !previousQuoted;
            if (afterSecret && !Keywords.ContainsKey(keyword) && !Unsupported.Contains(keyword))
            {
                throw new FormatException($"an unknown keyword follows '{pairs[^1].Item1}' " +
                    $"(quote a value with spaces: {pairs[^1].Item1}='...')");
            }
            if (i >= text.Length || text[i] != '=')
            {
                throw afterSecret
                    ? new FormatException($"text without '=' follows '{pairs[^1].Item1}' " +
                        $"(quote a value with spaces: {pairs[^1].Item1}='...')")
                    : new FormatException($"keyword '{Safe(keyword)}' is not followed by '='");
            }
            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            var value = new StringBuilder();
            var quotedValue = i < text.Length && text[i] == '\'';
            if (quotedValue)
            {
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var c = text[i++];
                    if (c == '\\' && i < text.Length)
                    {
                        value.Append(text[i++]);
                    }
                    else if (c == '\'')
                    {
                        closed = true;
                        break;
                    }
                    else
                    {
                        value.Append(c);
                    }
                }
                if (!closed)
                {
                    throw new FormatException($"the quoted value of '{Safe(keyword)}' has no closing quote");
                }
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    var c = text[i++];
                    if (c == '\\' && i < text.Length)
                    {
                        c = text[i++];
                    }
                    value.Append(c);
                }
            }
            previousQuoted = quotedValue;
            pairs.Add((keyword, value.ToString()));
        }
    }

    /// <summary>Percent-decoding as libpq does it: %XX bytes, read as UTF-8; a bad escape is an error.</summary>
    private static string Decode(string text, string what)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
                continue;
            }
            if (i + 2 >= text.Length
                || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture,
                    out var b))
            {
                throw new FormatException($"invalid percent-encoding in {what} (write % as %25)");
            }
            if (b == 0)
            {
                throw new FormatException($"{what} contains %00");
            }
            bytes.Add(b);
            i += 2;
        }
        try
        {
            return StrictUtf8.Encoding.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException($"{what} is not valid UTF-8 after percent-decoding");
        }
    }
}
