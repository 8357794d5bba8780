namespace CutoverSequencer.Core.Stage;

/// <summary>apply --plan: which saved plan the run applied, when it was made, and the drift it allowed.</summary>
public sealed record SavedPlanUse(string File, DateTimeOffset PlannedAt, string ConfigSha256, string MaxDrift);
