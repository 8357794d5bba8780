namespace CutoverSequencer.Core.Planning;

/// <summary>
/// Run options the plan depends on: the baseline and reading time of the rate-aware margin,
/// --strict (a margin below the measured rate blocks) and --require-quiet (other sessions block).
/// </summary>
public sealed record PlanPolicy(Baseline? Baseline, DateTimeOffset Now, bool Strict, bool RequireQuiet = false);
