namespace CutoverSequencer.Core.SavedPlans;

/// <summary>One source sequence (OWNER.NAME) and the value read for it, as a decimal string.</summary>
public sealed record PlanSourceValue(string Name, string Value);
