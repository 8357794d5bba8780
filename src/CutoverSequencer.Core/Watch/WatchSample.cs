using System.Numerics;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Watch;

/// <summary>
/// One sequence as one round read it, from that round's plan row: the next value the sequence hands out
/// (its position), the source value and the highest key now (lowest when descending), and the margin the
/// plan gives it. Nothing here is guessed: a value the round could not read is null.
/// </summary>
public sealed record WatchSample(
    string Sequence,
    bool Descending,
    BigInteger? Next,
    BigInteger? Source,
    BigInteger? Keys,
    BigInteger? Reference,
    long MarginHad,
    bool Blocked)
{
    /// <summary>The plan row's readings. With hilo the reference and margin are in sequence values (blocks).</summary>
    public static WatchSample Of(PlannedSequence row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var margin = row.BlockSize is { } k && k > 1 ? (long)Hilo.CeilingDivide(row.Margin, k) : row.Margin;
        return new WatchSample(row.Sequence?.ToString() ?? row.Name, row.Descending, row.Current?.NextValue,
            row.SourceLast, row.TargetMax, row.Reference, margin, row.Action == PlanAction.Blocked);
    }
}
