using System.Numerics;

namespace CutoverSequencer.Core.Planning;

/// <summary>No source value and no key: the sequence stays at <see cref="Current"/> (its next value).</summary>
public sealed record NoReferenceStep(BigInteger Current) : DerivationStep;
