using System.Numerics;

namespace CutoverSequencer.Core.Sequences;

/// <summary>
/// A node's stream on a stride: the values congruent to its residue modulo the stride
/// (multi-master interleaving, where each node issues every stride-th value).
/// </summary>
public static class SequenceGrid
{
    /// <summary>
    /// <paramref name="value"/> modulo <paramref name="stride"/>, in [0, |stride|) also for negative values.
    /// </summary>
    public static BigInteger Residue(BigInteger value, BigInteger stride)
    {
        var modulus = BigInteger.Abs(stride);
        return ((value % modulus) + modulus) % modulus;
    }

    /// <summary>
    /// The first value at or above <paramref name="from"/> with the residue <paramref name="residue"/>.
    /// </summary>
    public static BigInteger NextOnGrid(BigInteger from, BigInteger residue, BigInteger stride) =>
        from + Residue(residue - from, stride);

    /// <summary>
    /// Whether <paramref name="next"/> lies on the stream of the node whose residue is <paramref name="residue"/>.
    /// </summary>
    public static bool IsOnResidue(BigInteger next, BigInteger residue, BigInteger stride) =>
        Residue(next, stride) == Residue(residue, stride);
}
