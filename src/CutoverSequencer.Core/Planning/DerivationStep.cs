namespace CutoverSequencer.Core.Planning;

/// <summary>One step of a <see cref="Derivation"/>.</summary>
public abstract record DerivationStep;
