using System.Numerics;

namespace CutoverSequencer.Core.Planning;

/// <summary>The sequence already issues <see cref="Current"/> next, at or beyond what is needed: unchanged.</summary>
public sealed record AlreadyBeyondStep(BigInteger Current) : DerivationStep;
