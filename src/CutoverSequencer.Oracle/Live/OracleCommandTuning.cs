using System.Data.Common;
using System.Reflection;

namespace CutoverSequencer.Oracle.Live;

/// <summary>
/// Command settings for dictionary reads. The driver is loaded at run time, so the ODP.NET-only
/// property (<c>OracleCommand.FetchSize</c>, in bytes) is set by reflection where the command has it.
/// </summary>
public static class OracleCommandTuning
{
    /// <summary>Seconds a dictionary query may take: DBA_SOURCE of a large schema takes minutes, not hours.</summary>
    public const int CommandTimeoutSeconds = 900;

    /// <summary>
    /// Bytes fetched per round trip: ODP.NET sizes a row by its widest possible values, and a DBA_SOURCE
    /// row (TEXT is VARCHAR2(4000), beside two 128-character names) takes over 4 KB, so the default 128 KB
    /// brings a few dozen lines per round trip; 4 MB brings about a thousand.
    /// </summary>
    public const long FetchSizeBytes = 4L * 1024 * 1024;

    public static void Apply(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.CommandTimeout = CommandTimeoutSeconds;
        SetIfPresent(command, "FetchSize", FetchSizeBytes);
        // Before 23ai a column default is a LONG: fetched whole only when asked (ODP.NET reads none by default).
        SetIfPresent(command, "InitialLONGFetchSize", -1);
    }

    /// <summary>Sets a writable numeric property when the object has one; true when it was set.</summary>
    public static bool SetIfPresent(object target, string property, long value)
    {
        ArgumentNullException.ThrowIfNull(target);
        var info = target.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance);
        if (info is not { CanWrite: true } || !IsNumeric(info.PropertyType))
        {
            return false;
        }
        var converted = Convert.ChangeType(value, info.PropertyType, System.Globalization.CultureInfo.InvariantCulture);
        info.SetValue(target, converted);
        return true;
    }

    private static bool IsNumeric(Type type) =>
        type == typeof(long) || type == typeof(int) || type == typeof(decimal);
}
