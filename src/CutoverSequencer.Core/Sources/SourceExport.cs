namespace CutoverSequencer.Core.Sources;

/// <summary>The files an export wrote, with their row counts, and where the values were read.</summary>
public sealed record SourceExport(IReadOnlyList<ExportedFile> Files, string ReadFrom);
