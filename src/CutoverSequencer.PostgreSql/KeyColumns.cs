using CutoverSequencer.Core.Model;

namespace CutoverSequencer.PostgreSql;

/// <summary>What a key column's type means for reading its extreme.</summary>
internal static class KeyColumns
{
    /// <summary>
    /// A text key fed by nextval(): its numeric extreme is read from the values that are whole
    /// numbers. No index answers that (it orders text), so it is always a scan.
    /// </summary>
    public static bool IsTextKey(TargetColumn column) =>
        column.DataType is "text" or "bpchar" or "character" or "character varying"
        || column.DataType.StartsWith("character varying(", StringComparison.Ordinal)
        || column.DataType.StartsWith("character(", StringComparison.Ordinal);

    /// <summary>numeric columns can hold NaN (and, unconstrained, ±Infinity); integer types cannot.</summary>
    public static bool HoldsNonFinite(TargetColumn key) => key.DataType.StartsWith("numeric", StringComparison.Ordinal);
}
