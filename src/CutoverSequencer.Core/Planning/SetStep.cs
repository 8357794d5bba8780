using System.Numerics;

namespace CutoverSequencer.Core.Planning;

/// <summary><c>setval(Value, true)</c>: the next value is <see cref="Next"/>.</summary>
public sealed record SetStep(BigInteger Value, BigInteger Next) : DerivationStep;
