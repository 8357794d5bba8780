namespace CutoverSequencer.Core.Findings;

/// <summary>One named value a finding's message is rendered from.</summary>
public readonly record struct FindingArgument(string Name, object? Value);
