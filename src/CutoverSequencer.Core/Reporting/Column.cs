namespace CutoverSequencer.Core.Reporting;

public sealed record Column(string Title, bool Numeric = false);
