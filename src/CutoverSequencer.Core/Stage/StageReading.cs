using CutoverSequencer.Core.Analysis;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Stage;

/// <summary>One reading of source and target and the plan made from it (<see cref="CutoverStage.ReadAsync"/>).
/// </summary>
/// <param name="SourceRun">The source's description and capture time.</param>
/// <param name="Findings">The source's, the analysis's and the plan's findings, ordered.</param>
public sealed record StageReading(
    (string Description, DateTimeOffset? CapturedAt) SourceRun,
    AnalysisResult Analysis,
    IReadOnlyList<TableEntry> Entries,
    TargetSnapshot Snapshot,
    AdvancementPlan Plan,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>plan --out: the plan and its readings, to be saved (null unless asked for).</summary>
    public SavedPlans.PlanDocument? PlanDocument { get; init; }
}
