namespace CutoverSequencer.Core.SavedPlans;

/// <summary>A target sequence's definition when planned; any change since refuses the plan.</summary>
public sealed record PlanDefinition(
    string DataType, long Start, long Increment, long MinValue, long MaxValue, long Cache, bool Cycle);
