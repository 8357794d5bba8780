namespace CutoverSequencer.Core.SavedPlans;

/// <summary>The target as inspected for the plan (endpoint only, never a password).</summary>
public sealed record PlanTargetState(string Description, string ServerVersion);
