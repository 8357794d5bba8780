using System.Numerics;

namespace CutoverSequencer.Core.Planning;

/// <summary>One value a verified next value must clear, and whether it does.</summary>
public sealed record VerificationCheck(VerificationSubject Subject, BigInteger Value, bool Passed);
