using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Stage;

/// <summary>Run options beyond the configuration (command-line flags, where the journal goes).</summary>
public sealed record StageOptions(Baseline? Baseline = null, bool Strict = false, bool RequireQuiet = false,
    string? JournalDirectory = null)
{
    /// <summary>apply --plan: the saved plan whose values are applied (null: plan from the live readings).</summary>
    public SavedPlans.PlanDocument? SavedPlan { get; init; }

    /// <summary>Where <see cref="SavedPlan"/> was read from, for the report.</summary>
    public string? SavedPlanFile { get; init; }

    /// <summary>--max-drift (null: half of each margin).</summary>
    public SavedPlans.MaxDrift? MaxDrift { get; init; }

    /// <summary>plan --out: keep the plan and its readings to save (<see cref="StageReading.PlanDocument"/>).</summary>
    public bool KeepPlanDocument { get; init; }
}
