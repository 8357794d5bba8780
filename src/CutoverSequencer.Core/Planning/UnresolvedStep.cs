namespace CutoverSequencer.Core.Planning;

/// <summary>The target objects could not be resolved: nothing was derived.</summary>
public sealed record UnresolvedStep : DerivationStep;
