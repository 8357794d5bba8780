namespace CutoverSequencer.Cli;

/// <summary>demo: where the reports go; null: a new folder under reports/.</summary>
public sealed record DemoRequest(string? ReportDirectory);
