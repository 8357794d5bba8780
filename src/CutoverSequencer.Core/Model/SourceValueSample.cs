namespace CutoverSequencer.Core.Model;

/// <summary>One sampled value of a column (GUID detection).</summary>
public sealed record SourceValueSample(string Owner, string Table, string Column, string? Value);
