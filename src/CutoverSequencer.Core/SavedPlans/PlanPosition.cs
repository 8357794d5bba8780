namespace CutoverSequencer.Core.SavedPlans;

/// <summary>A target sequence's position when planned (last_value, is_called).</summary>
public sealed record PlanPosition(long LastValue, bool IsCalled);
