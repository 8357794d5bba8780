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
        foreach (string key in pairs.Keys)
        {
            if (!builder.ContainsKey(key))
            {
                return $"unknown keyword '{key}'";
            }
            try
            {
                builder[key] = pairs[key];
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                return $"'{key}' has an invalid value";
            }
        }
        return null;
    }
}
