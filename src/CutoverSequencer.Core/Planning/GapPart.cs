using System.Numerics;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// A run of consecutive values, <see cref="First"/> to <see cref="Last"/> in the sequence's direction.
/// </summary>
public sealed record GapPart(BigInteger First, BigInteger Last, BigInteger Size)
{
    internal static GapPart? Of(BigInteger first, BigInteger last, BigInteger step) =>
        (last - first) * step < 0 ? null : new GapPart(first, last, BigInteger.Abs(last - first) + 1);
}
