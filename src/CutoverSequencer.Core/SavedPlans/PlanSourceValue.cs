using System.Numerics;

namespace CutoverSequencer.Core.SavedPlans;

/// <summary>One source sequence (OWNER.NAME) and the value read for it.</summary>
public sealed record PlanSourceValue(string Name, BigInteger Value);
