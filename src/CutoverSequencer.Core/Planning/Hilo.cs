using System.Numerics;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// Hilo arithmetic and the evidence rule for hilo-shaped keys. A hilo optimizer takes one sequence value
/// n and hands out a block of k keys: Hibernate's <c>hilo</c> optimizer the keys (n − 1)·k + 1 … n·k, the
/// legacy one (<c>max_lo</c> = k − 1) n·k … n·k + k − 1. Either way the block lies within
/// [<see cref="FirstKey"/>, <see cref="LastKey"/>], and a key m came from a value of at most ⌈m / k⌉.
/// </summary>
public static class Hilo
{
    /// <summary>The least source value that counts as a used sequence (the evidence rule).</summary>
    public const long MinimumSourceValue = 1_000;

    /// <summary>How far the ratio max key / source value may be from k, as a fraction of k.</summary>
    public const double Tolerance = 0.05;

    /// <summary>
    /// Block sizes ORMs are configured with: JPA/Hibernate allocationSize values (50 is JPA's default), the
    /// legacy <c>max_lo</c> + 1 (10, 100, 1000, and 32768 for Short.MAX_VALUE), powers of two.
    /// </summary>
    public static readonly IReadOnlyList<long> PlausibleBlockSizes =
        [10, 16, 20, 25, 32, 50, 64, 100, 128, 200, 250, 256, 500, 512, 1000, 1024, 32768];

    /// <summary>⌈value / divisor⌉ for a positive divisor, in either sign of value.</summary>
    public static BigInteger CeilingDivide(BigInteger value, long divisor)
    {
        var quotient = BigInteger.DivRem(value, divisor, out var remainder);
        return remainder > 0 ? quotient + 1 : quotient;
    }

    /// <summary>The lowest key the sequence value <paramref name="next"/> can open: (next − 1)·k + 1.</summary>
    public static BigInteger FirstKey(BigInteger next, long blockSize) => (next - 1) * blockSize + 1;

    /// <summary>The highest key the sequence value <paramref name="next"/> can open: next·k + k − 1.</summary>
    public static BigInteger LastKey(BigInteger next, long blockSize) => next * blockSize + blockSize - 1;

    /// <summary>
    /// The block size k the keys suggest, or null: the source value is at least
    /// <see cref="MinimumSourceValue"/> and the highest key is within <see cref="Tolerance"/> of k × the source
    /// value for the nearest of <see cref="PlausibleBlockSizes"/>.
    /// </summary>
    public static (long BlockSize, double Ratio)? Suggested(BigInteger sourceLast, BigInteger maxKey)
    {
        if (sourceLast < MinimumSourceValue || maxKey <= sourceLast)
        {
            return null;
        }
        var ratio = (double)maxKey / (double)sourceLast;
        var nearest = PlausibleBlockSizes.MinBy(k => Math.Abs(ratio / k - 1));
        return Math.Abs(ratio / nearest - 1) <= Tolerance ? (nearest, ratio) : null;
    }
}
