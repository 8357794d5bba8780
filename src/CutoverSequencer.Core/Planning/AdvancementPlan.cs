using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;

namespace CutoverSequencer.Core.Planning;

/// <summary>The whole plan: one decision per sequence, and the findings that explain it.</summary>
public sealed record AdvancementPlan(
    IReadOnlyList<PlannedSequence> Sequences,
    IReadOnlyList<Finding> Findings,
    bool Enabled)
{
    public Interleave? Interleave { get; init; }

    public bool IsBlocked => Findings.Any(f => f.Severity == Severity.Blocking);

    public IEnumerable<PlannedSequence> ToAdvance => Sequences.Where(s => s.Action == PlanAction.Advance);
}
