using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.SavedPlans;

/// <summary>What apply --plan read now: the configuration file and its digest, the source, the target and the
/// plan they give.</summary>
public sealed record PlanLiveState(string ConfigFile, string ConfigDigest, SourceCatalog Source,
    TargetSnapshot Target, AdvancementPlan Plan);
