using System.Numerics;

namespace CutoverSequencer.Core.Sequences;

/// <summary>
/// A sequence's position as read from the server: last_value, is_called, increment, and the next value it issues.
/// </summary>
public sealed record SequenceReading(long LastValue, bool IsCalled, long Increment)
{
    public BigInteger NextValue => SequenceMath.NextValue(LastValue, IsCalled, Increment);
}
