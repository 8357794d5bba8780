using System.Numerics;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// Where an insert rate came from: measured (<see cref="Delta"/> values in <see cref="Hours"/> since the
/// <see cref="Baseline"/>) or declared as expectedInsertsPerHour (every field null).
/// </summary>
public sealed record RateBasis(BigInteger? Delta, double? Hours, string? Baseline)
{
    public static RateBasis Declared { get; } = new(null, null, null);

    public bool IsDeclared => Delta is null;
}
