using System.Numerics;

namespace CutoverSequencer.Core.Stage;

/// <summary>
/// One node's future stream of one sequence, as read: its next value, step, bounds, and the highest (lowest when
/// descending) key present in the tables it feeds there.
/// </summary>
public sealed record NodeStream(string Node, string Sequence, BigInteger Next, long Increment, long MinValue,
    long MaxValue, BigInteger? MaxKey)
{
    public bool Descending => Increment < 0;
}
