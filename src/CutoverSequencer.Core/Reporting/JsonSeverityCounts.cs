namespace CutoverSequencer.Core.Reporting;

/// <summary>Findings by severity.</summary>
internal sealed record JsonSeverityCounts(int Blocking, int Warning, int Info);
