using System.Numerics;

namespace CutoverSequencer.Core.Stage;

/// <summary>
/// One node's future stream of one sequence, as read: its next value, step, bounds, whether it cycles, and the
/// highest (lowest when descending) key present in the tables it feeds there.
/// </summary>
public sealed record NodeStream(string Node, string Sequence, BigInteger Next, long Increment, long MinValue,
    long MaxValue, BigInteger? MaxKey)
{
    public bool Descending => Increment < 0;

    /// <summary>CYCLE: after its limit it starts again from the other end, on whatever residue that is.</summary>
    public bool Cycle { get; init; }

    /// <summary>Hilo: keys per value; the next key is then the first of the next value's block.</summary>
    public long? BlockSize { get; init; }

    /// <summary>The first key the stream issues next (the next value, or the first key of its block).</summary>
    public BigInteger NextKey => BlockSize is { } k ? Planning.Hilo.FirstKey(Next, k) : Next;
}
