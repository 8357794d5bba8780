namespace CutoverSequencer.Core.SavedPlans;

/// <summary>The configuration file the plan was made with and the SHA-256 of its text (line endings folded).</summary>
public sealed record PlanConfigDigest(string File, string Sha256);
