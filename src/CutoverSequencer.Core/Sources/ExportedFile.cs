namespace CutoverSequencer.Core.Sources;

/// <summary>One export file written and its row count.</summary>
public sealed record ExportedFile(string File, int Rows);
