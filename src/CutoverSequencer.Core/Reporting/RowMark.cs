namespace CutoverSequencer.Core.Reporting;

/// <summary>HTML only: a table row's anchor and whether it is highlighted as blocked.</summary>
public sealed record RowMark(string Id, bool Blocked);
