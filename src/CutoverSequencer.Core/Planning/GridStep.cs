using System.Numerics;

namespace CutoverSequencer.Core.Planning;

/// <summary>Moved onto the sequence's step grid (same residue as <see cref="Anchor"/> modulo the increment).</summary>
public sealed record GridStep(long Increment, BigInteger Anchor, BigInteger Value) : DerivationStep;
