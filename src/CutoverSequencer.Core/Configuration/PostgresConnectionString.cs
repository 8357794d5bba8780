using System.Data.Common;
using System.Globalization;

namespace CutoverSequencer.Core.Configuration;

/// <summary>
/// PostgreSQL connection strings as their users write them: a libpq URI
/// (<c>postgresql://user@host:5432/db?sslmode=require</c>), libpq keyword/value pairs
/// (<c>host=pg dbname=finance</c>) or Npgsql's form (<c>Host=pg;Database=finance</c>). Converted once,
/// at configuration load, into the Npgsql form the rest of the code uses. Error messages never quote
/// the string or a value of it (a password may be anywhere in it).
/// </summary>
public static partial class PostgresConnectionString
{
    /// <summary>libpq keywords and the Npgsql key each becomes (libpq's documented list, section 32.1.2).</summary>
    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["host"] = "Host",
        ["hostaddr"] = "Host",
        ["port"] = "Port",
        ["dbname"] = "Database",
        ["user"] = "Username",
        ["password"] = "Password",
        ["passfile"] = "Passfile",
        ["connect_timeout"] = "Timeout",
        ["client_encoding"] = "Client Encoding",
        ["options"] = "Options",
        ["application_name"] = "Application Name",
        ["fallback_application_name"] = "Application Name",
        ["keepalives"] = "Tcp Keepalive",
        ["keepalives_idle"] = "Tcp Keepalive Time",
        ["keepalives_interval"] = "Tcp Keepalive Interval",
        ["sslmode"] = "SSL Mode",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["sslrootcert"] = "Root Certificate",
        ["sslnegotiation"] = "SSL Negotiation",
        ["krbsrvname"] = "Kerberos Service Name",
        ["gssencmode"] = "GSS Encryption Mode",
        ["channel_binding"] = "Channel Binding",
        ["target_session_attrs"] = "Target Session Attributes",
        ["load_balance_hosts"] = "Load Balance Hosts",
    };

    /// <summary>libpq keywords the driver has no equivalent for: refused by name rather than ignored.</summary>
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "service", "servicefile", "require_auth", "requirepeer", "sslcompression", "sslcrl", "sslcrldir", "sslsni",
        "sslcertmode", "ssl_min_protocol_version", "ssl_max_protocol_version", "keepalives_count", "tcp_user_timeout",
        "replication", "gsslib", "gssdelegation", "max_protocol_version", "min_protocol_version", "scram_client_key",
        "scram_server_key", "oauth_issuer", "oauth_client_id", "oauth_client_secret", "oauth_scope",
    };

    /// <summary>
    /// The Npgsql form of <paramref name="text"/>; a <see cref="FormatException"/> says what is wrong
    /// without quoting any value (a misplaced password could be any of them), only keywords.
    /// </summary>
    public static string ToNpgsql(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException("it is empty");
        }
        if (trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            return Build(ParseUri(trimmed));
        }
        if (IsKeywordValue(trimmed))
        {
            return Build(ParseKeywordValue(trimmed));
        }
        return CheckNpgsqlSyntax(trimmed);
    }

    /// <summary>
    /// libpq keyword/value form: no ';' outside quotes (Npgsql separates pairs with it) and the first
    /// keyword is a libpq one (libpq keywords are lower case: <c>Host=</c> is Npgsql's).
    /// </summary>
    private static bool IsKeywordValue(string text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                i++;
            }
            else if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (c == ';' && !quoted)
            {
                return false;
            }
        }
        var end = text.IndexOfAny([' ', '=', '\t']);
        var first = end < 0 ? text : text[..end];
        return Keywords.ContainsKey(first) || Unsupported.Contains(first);
    }

    private static string CheckNpgsqlSyntax(string text)
    {
        try
        {
            _ = new DbConnectionStringBuilder { ConnectionString = text };
            return text;
        }
        catch (ArgumentException)
        {
            // The builder's message may quote the string: only say where the form breaks.
            throw new FormatException(
                "it is not a postgresql:// URI, libpq keyword=value pairs or Npgsql Key=Value;... pairs");
        }
    }

    /// <summary>The Npgsql form of libpq pairs; later pairs override earlier ones, as in libpq.</summary>
    private static string Build(List<(string Keyword, string Value)> pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var p = 0; p < pairs.Count; p++)
        {
            var (keyword, value) = pairs[p];

            if (Unsupported.Contains(keyword))
            {
                throw new FormatException(
                    $"libpq keyword '{keyword}' has no equivalent in the PostgreSQL driver used here; remove it");
            }
            if (!Keywords.ContainsKey(keyword))
            {
                var hint = Suggestions.Closest(keyword, Keywords.Keys) is { } s ? $" (did you mean '{s}'?)" : "";
                throw new FormatException($"unknown keyword '{Safe(keyword)}'{hint}");
            }
            values[keyword] = value;
        }
        if (values.ContainsKey("host") && values.ContainsKey("hostaddr"))
        {
            throw new FormatException(
                "'hostaddr' together with 'host' is not supported by the driver: give the address as 'host' alone");
        }
        var builder = new DbConnectionStringBuilder();
        var hosts = (values.GetValueOrDefault("host") ?? values.GetValueOrDefault("hostaddr"))?.Split(',');
        var ports = values.GetValueOrDefault("port")?.Split(',');
        foreach (var port in ports ?? [])
        {
            if (port.Length > 0
                && !(int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                    && p is >= 1 and <= 65535))
            {
                throw new FormatException("a port is not a number from 1 to 65535");
            }
        }
        if (hosts is not null)
        {
            if (ports is not null && ports.Length > 1 && ports.Length != hosts.Length)
            {
                throw new FormatException(
                    $"{hosts.Length} host(s) but {ports.Length} ports: give one port, or one per host");
            }
            if (ports is { Length: > 1 } || (hosts.Length > 1 && ports is { Length: 1 } && ports[0].Length > 0))
            {
                // Npgsql takes host:port per host in a list.
                builder["Host"] = string.Join(',', hosts.Select((h, i) =>
                {
                    var port = ports.Length == 1 ? ports[0] : ports[i];
                    var host = h.Contains(':', StringComparison.Ordinal) ? $"[{h}]" : h;
                    return port.Length == 0 ? host : $"{host}:{port}";
                }));
                ports = null;
            }
            else
            {
                builder["Host"] = string.Join(',',
                    hosts.Select(h => h.Contains(':', StringComparison.Ordinal) && hosts.Length > 1 ? $"[{h}]" : h));
            }
        }
        if (ports is { Length: 1 } && ports[0].Length > 0)
        {
            builder["Port"] = ports[0];
        }
        foreach (var (keyword, value) in values)
        {
            switch (keyword)
            {
                case "host" or "hostaddr" or "port":
                    break;
                case "fallback_application_name" when values.ContainsKey("application_name"):
                    break;
                case "sslmode":
                    builder["SSL Mode"] = Choice(keyword, value, ("disable", "Disable"), ("allow", "Allow"),
                        ("prefer", "Prefer"), ("require", "Require"), ("verify-ca", "VerifyCA"),
                        ("verify-full", "VerifyFull"));
                    break;
                case "gssencmode":
                    builder["GSS Encryption Mode"] = Choice(keyword, value, ("disable", "Disable"),
                        ("prefer", "Prefer"), ("require", "Require"));
                    break;
                case "channel_binding":
                    builder["Channel Binding"] = Choice(keyword, value, ("disable", "Disable"),
                        ("prefer", "Prefer"), ("require", "Require"));
                    break;
                case "sslnegotiation":
                    builder["SSL Negotiation"] = Choice(keyword, value, ("postgres", "Postgres"), ("direct", "Direct"));
                    break;
                case "load_balance_hosts":
                    builder["Load Balance Hosts"] = Choice(keyword, value, ("disable", "false"), ("random", "true"));
                    break;
                case "keepalives":
                    builder["Tcp Keepalive"] = Choice(keyword, value, ("0", "false"), ("1", "true"));
                    break;
                case "target_session_attrs":
                    builder["Target Session Attributes"] = Choice(keyword, value,
                        ("any", "any"), ("read-write", "read-write"), ("read-only", "read-only"),
                        ("primary", "primary"), ("standby", "standby"), ("prefer-standby", "prefer-standby"));
                    break;
                case "connect_timeout" or "keepalives_idle" or "keepalives_interval":
                    if (!int.TryParse(value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                            CultureInfo.InvariantCulture, out var seconds)
                        || seconds < 0)
                    {
                        throw new FormatException($"'{keyword}' must be a whole number of seconds");
                    }
                    builder[Keywords[keyword]] = seconds.ToString(CultureInfo.InvariantCulture);
                    break;
                default:
                    builder[Keywords[keyword]] = value;
                    break;
            }
        }
        return builder.ConnectionString;
    }

    private static bool IsSecret(string keyword) => keyword is "password" or "sslpassword";

    private static string Choice(string keyword, string value, params (string Libpq, string Npgsql)[] choices) =>
        choices.FirstOrDefault(c => c.Libpq == value).Npgsql
        ?? throw new FormatException($"'{keyword}' must be one of {string.Join(", ", choices.Select(c => c.Libpq))}");

    /// <summary>A keyword or short value for an error message, cut short and stripped of control characters.</summary>
    private static string Safe(string text)
    {
        var clean = new string([.. text.Where(c => !char.IsControl(c))]);
        return clean.Length > 40 ? clean[..40] + "..." : clean;
    }
}
