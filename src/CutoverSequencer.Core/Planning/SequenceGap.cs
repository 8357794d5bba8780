using System.Numerics;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// The values after the last loaded key (before it, descending) that PostgreSQL will not issue: from
/// <see cref="First"/> to <see cref="Last"/>. The part up to the source high-water mark
/// (<see cref="CatchUp"/>) may still arrive from the source during CDC catch-up; the rest
/// (<see cref="Margin"/>) is never used by anyone.
/// </summary>
public sealed record SequenceGap(BigInteger First, BigInteger Last, BigInteger Size)
{
    /// <summary>
    /// After the last loaded key, up to the source high-water mark: the source may still deliver these.
    /// </summary>
    public GapPart? CatchUp { get; init; }

    /// <summary>Past every key and the source value, short of the next value: never issued.</summary>
    public GapPart? Margin { get; init; }

    /// <summary>
    /// The gap between the keys, the source value and the next value. It starts after the last loaded
    /// key (after the source value when no key is loaded) and ends before the next value; null when
    /// there are no values in between or nothing to start from.
    /// </summary>
    public static SequenceGap? Between(BigInteger? lastKey, BigInteger? sourceLast, BigInteger? next, bool descending)
    {
        if (next is not { } n || (lastKey ?? sourceLast) is not { } from)
        {
            return null;
        }
        var step = descending ? BigInteger.MinusOne : BigInteger.One;
        var first = from + step;
        var last = n - step;
        if ((last - first) * step < 0)
        {
            return null;
        }
        // The source high-water mark splits the gap when it lies inside it.
        var reference = lastKey is { } k && sourceLast is { } s ? (descending ? BigInteger.Min(k, s) : BigInteger.Max(k,
            s)) : from;
        var split = BigInteger.Clamp(reference, BigInteger.Min(first - step, last), BigInteger.Max(first - step, last));
        return new SequenceGap(first, last, BigInteger.Abs(last - first) + 1)
        {
            CatchUp = GapPart.Of(first, split, step),
            Margin = GapPart.Of(split + step, last, step),
        };
    }
}
