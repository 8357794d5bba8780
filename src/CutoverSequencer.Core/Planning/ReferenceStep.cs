using System.Numerics;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// The highest value in use (lowest when descending) from the source value and the key extreme,
/// plus the margin (minus, descending): <see cref="Wanted"/>.
/// </summary>
public sealed record ReferenceStep(BigInteger? SourceLast, BigInteger? TargetExtreme, BigInteger Reference,
    bool Descending,
    long Margin, BigInteger Wanted) : DerivationStep
{
    /// <summary>Hilo: the target extreme and the margin are counted in blocks (sequence values), not keys.</summary>
    public bool Blocks { get; init; }
}
