namespace CutoverSequencer.Core.Reporting;

/// <param name="Identifier">Codes and names: never wrapped mid-word in HTML.</param>
public sealed record Column(string Title, bool Numeric = false, bool Identifier = false);
