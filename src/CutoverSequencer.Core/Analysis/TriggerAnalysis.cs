namespace CutoverSequencer.Core.Analysis;

/// <summary>What the triggers say about keys: sequence-fed columns and columns fed by calls.</summary>
public sealed record TriggerAnalysis(
    IReadOnlyList<TriggerKeyPattern> Patterns,
    IReadOnlyList<TriggerKeyFunction> Functions);
