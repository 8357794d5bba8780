using System.Numerics;

namespace CutoverSequencer.Core.Sequences;

/// <summary>What a sequence's position (last_value, is_called) means for the values it issues.</summary>
public static class SequenceMath
{
    /// <summary>
    /// The value the next nextval() returns: last_value itself until the first call, then one increment on.
    /// </summary>
    public static BigInteger NextValue(long lastValue, bool isCalled, long increment) =>
        isCalled ? (BigInteger)lastValue + increment : lastValue;

    /// <summary>
    /// Whether a next value has reached the planned one: at or above it for an ascending sequence,
    /// at or below it for a descending one.
    /// </summary>
    public static bool Reached(BigInteger next, BigInteger planned, bool descending) =>
        descending ? next <= planned : next >= planned;
}
