using System.Numerics;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Model;

/// <summary>The key column a sequence feeds.</summary>
public sealed record TargetColumn(QualifiedName Table, string Name, string DataType)
{
    /// <summary>
    /// The whole numbers the column's type can hold, or null when the type sets no limit of its own:
    /// smallint, integer, bigint, and numeric(p, s), which keeps p - s digits before the point.
    /// </summary>
    public (BigInteger Min, BigInteger Max)? IntegerRange => DataType switch
    {
        "smallint" => (short.MinValue, short.MaxValue),
        "integer" => (int.MinValue, int.MaxValue),
        "bigint" => (long.MinValue, long.MaxValue),
        _ => NumericRange(DataType),
    };

    private static (BigInteger Min, BigInteger Max)? NumericRange(string type)
    {
        // format_type spells a constrained numeric as numeric(p,s); plain numeric has no limit.
        if (!type.StartsWith("numeric(", StringComparison.Ordinal) || !type.EndsWith(')'))
        {
            return null;
        }
        var parts = type["numeric(".Length..^1].Split(',');
        if (!int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var precision))
        {
            return null;
        }
        var scale = parts.Length > 1 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture,
            out var s) ? s : 0;
        var digits = precision - scale;
        if (digits <= 0 || digits > 1000)
        {
            return (0, 0);
        }
        var max = BigInteger.Pow(10, digits) - 1;
        return (-max, max);
    }

    public bool IsNumeric => IntegerRange is not null || DataType.StartsWith("numeric", StringComparison.Ordinal);
}
