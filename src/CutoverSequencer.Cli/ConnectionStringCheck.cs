using Npgsql;

namespace CutoverSequencer.Cli;

/// <summary>
/// The configuration loader's check of a PostgreSQL connection string in Npgsql form, against the
/// driver's own keywords and value types, key by key: the driver's message may quote the string
/// (password included), so only the keyword is named.
/// </summary>
public static class ConnectionStringCheck
{
    public static string? Problem(string connectionString)
    {
        System.Data.Common.DbConnectionStringBuilder pairs;
        try
        {
            pairs = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            return "it is not a postgresql:// URI, libpq keyword=value pairs or Npgsql Key=Value;... pairs";
        }
        var builder = new NpgsqlConnectionStringBuilder();
        // A password holding an unquoted ';' splits into a "keyword": with a password present, an
        // unknown keyword that is no near-miss of a known one is not named.
        var hasPassword = pairs.Keys.Cast<string>().Any(k => k is "password" or "pwd" or "psw");
        foreach (string key in pairs.Keys)
        {
            if (!builder.ContainsKey(key))
            {
                return !hasPassword || LooksLikeTypo(key)
                    ? $"unknown keyword '{key}'"
                    : "an unknown keyword (not named, as it may be part of the password: "
                      + "put a password holding ';' in double quotes)";
            }
            try
            {
                builder[key] = pairs[key];
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException
                                          or OverflowException)
            {
                return $"'{key}' has an invalid value";
            }
        }
        return null;
    }

    /// <summary>The keywords people write most, for telling a typo from a piece of a password.</summary>
    private static readonly string[] Common =
    [
        "Host", "Server", "Port", "Database", "Username", "User Id", "Password", "Passfile", "SSL Mode", "Timeout",
        "Command Timeout", "Application Name", "Pooling", "Options", "Search Path", "Root Certificate",
        "Trust Server Certificate", "Target Session Attributes", "Include Error Detail", "Maximum Pool Size",
        "Minimum Pool Size", "Keepalive", "Load Balance Hosts", "Multiplexing",
    ];

    /// <summary>Within two edits of a common keyword.</summary>
    private static bool LooksLikeTypo(string key) =>
        Common.Any(known => Distance(key.ToUpperInvariant(), known.ToUpperInvariant()) <= 2);

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(
                    Math.Min(current[j - 1] + 1, previous[j] + 1),
                    previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
