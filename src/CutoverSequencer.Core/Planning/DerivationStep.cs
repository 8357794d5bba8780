using System.Numerics;

namespace CutoverSequencer.Core.Planning;

/// <summary>One step of a <see cref="Derivation"/>.</summary>
public abstract record DerivationStep;

/// <summary>The target objects could not be resolved: nothing was derived.</summary>
public sealed record UnresolvedStep : DerivationStep;

/// <summary>No source value and no key: the sequence stays at <see cref="Current"/> (its next value).</summary>
public sealed record NoReferenceStep(BigInteger Current) : DerivationStep;

/// <summary>
/// The highest value in use (lowest when descending) from the source value and the key extreme,
/// plus the margin (minus, descending): <see cref="Wanted"/>.
/// </summary>
public sealed record ReferenceStep(BigInteger? SourceLast, BigInteger? TargetExtreme, BigInteger Reference, bool Descending,
    long Margin, BigInteger Wanted) : DerivationStep;

/// <summary>Moved onto the sequence's step grid (same residue as <see cref="Anchor"/> modulo the increment).</summary>
public sealed record GridStep(long Increment, BigInteger Anchor, BigInteger Value) : DerivationStep;

/// <summary>The sequence already issues <see cref="Current"/> next, at or beyond what is needed: unchanged.</summary>
public sealed record AlreadyBeyondStep(BigInteger Current) : DerivationStep;

/// <summary><c>setval(Value, true)</c>: the next value is <see cref="Next"/>.</summary>
public sealed record SetStep(BigInteger Value, BigInteger Next) : DerivationStep;
