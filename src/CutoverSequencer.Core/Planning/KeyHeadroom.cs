using System.Numerics;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// How far a planned key can still go: the nearest limit (the sequence's MAXVALUE, MINVALUE when
/// descending, or a key column's type), the values the sequence can still issue from its next value,
/// the share of its whole range they are, and, at the known insert rate, how long they last.
/// </summary>
public sealed record KeyHeadroom
{
    /// <summary>The last value the sequence can issue before a limit stops it.</summary>
    public required BigInteger Limit { get; init; }

    /// <summary>What sets the limit: "sequence MAXVALUE", "sequence MINVALUE", or the column and its type.</summary>
    public required string LimitedBy { get; init; }

    /// <summary>nextval calls left from the planned next value up to the limit (0 when already past it).</summary>
    public required BigInteger ValuesLeft { get; init; }

    /// <summary>nextval calls from the sequence's start of range to the limit.</summary>
    public required BigInteger RangeValues { get; init; }

    /// <summary><see cref="ValuesLeft"/> as a percentage of <see cref="RangeValues"/>.</summary>
    public double PercentLeft => RangeValues.IsZero ? 0 : (double)ValuesLeft * 100 / (double)RangeValues;

    /// <summary>Sequence values used per hour: the measured or declared insert rate (per block with hilo).</summary>
    public double? ValuesPerHour { get; init; }

    /// <summary>Hours until the values run out at <see cref="ValuesPerHour"/>, when a rate is known.</summary>
    public double? HoursLeft => ValuesPerHour is > 0 and var rate ? (double)ValuesLeft / rate : null;

    /// <summary>The headroom of a planned row, or null when it has no next value or no sequence definition.</summary>
    public static KeyHeadroom? Of(PlannedSequence row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Current is not { } sequence || row.NextValue is not { } next || sequence.Increment == 0)
        {
            return null;
        }
        var descending = sequence.Descending;
        var (limit, by) = descending
            ? ((BigInteger)sequence.MinValue, "sequence MINVALUE")
            : ((BigInteger)sequence.MaxValue, "sequence MAXVALUE");
        // The increment the plan leaves the sequence with (interleave changes it).
        var increment = row.NewIncrement ?? sequence.Increment;
        var step = BigInteger.Abs(increment);
        foreach (var column in row.Columns)
        {
            if (column.IntegerRange is not { } range)
            {
                continue;
            }
            // With hilo a value opens a block of keys: the column must hold the block's last key.
            var columnLimit = descending ? range.Min : range.Max;
            if (row.BlockSize is { } k)
            {
                // The last value whose block (v·k … v·k + k − 1) still fits the column.
                columnLimit = descending ? columnLimit / k : ((columnLimit + 1) / k) - 1;
            }
            if (descending ? columnLimit > limit : columnLimit < limit)
            {
                (limit, by) = (columnLimit, $"{column.Table}.{Identifier.Display(column.Name)} ({column.DataType})");
            }
        }
        var start = descending ? (BigInteger)sequence.MaxValue : sequence.MinValue;
        BigInteger Count(BigInteger from) =>
            (descending ? from < limit : from > limit) ? 0 : (BigInteger.Abs(limit - from) / step) + 1;
        return new KeyHeadroom
        {
            Limit = limit,
            LimitedBy = by,
            ValuesLeft = Count(next),
            RangeValues = Count(start),
            ValuesPerHour = CallsPerHour(row, Math.Abs((double)sequence.Increment)),
        };
    }

    /// <summary>
    /// nextval calls per hour. A measured rate is the source sequence's movement per hour, in its values: one
    /// call per INCREMENT BY (the source's equals the sequence's, or INCREMENT_MISMATCH stops the plan); a
    /// declared one counts inserts, which take one call each, or one per block with hilo.
    /// </summary>
    private static double? CallsPerHour(PlannedSequence row, double increment)
    {
        if (row.Rate is { } rate)
        {
            return rate.Basis.IsDeclared
                ? (row.BlockSize is { } k ? rate.PerHour / k : rate.PerHour)
                : rate.PerHour / Math.Max(1, increment);
        }
        var declared = row.Entries.Max(e => e.ExpectedInsertsPerHour);
        return declared is { } perHour && row.BlockSize is { } size ? perHour / size : declared;
    }
}
