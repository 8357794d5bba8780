using CutoverSequencer.Core.Findings;

namespace CutoverSequencer.Core.SavedPlans;

/// <summary>A finding of the plan, as a reviewer saw it.</summary>
public sealed record PlanFinding(string Code, Severity Severity, string Object, string Message);
