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
    /// Bytes fetched per round trip: DBA_SOURCE rows are up to 4000 characters (16 KB in AL32UTF8), so
    /// ODP.NET's default 128 KB brings a handful of rows at a time; 4 MB brings hundreds.
    /// </summary>
    public const long FetchSizeBytes = 4L * 1024 * 1024;

    public static void Apply(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.CommandTimeout = CommandTimeoutSeconds;
        SetIfPresent(command, "FetchSize", FetchSizeBytes);
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
