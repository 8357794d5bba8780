namespace CutoverSequencer.Core.SavedPlans;

/// <summary>The source as read for the plan: each sequence's value (LAST_NUMBER, or the PostgreSQL position).</summary>
public sealed record PlanSourceState(string Description, DateTimeOffset? CapturedAt,
    IReadOnlyList<PlanSourceValue> Sequences);
