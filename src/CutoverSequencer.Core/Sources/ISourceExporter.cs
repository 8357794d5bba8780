namespace CutoverSequencer.Core.Sources;

/// <summary>Writes a live source's catalog as export files that a directory-reading kind reads back.</summary>
public interface ISourceExporter
{
    Task<SourceExport> ExportAsync(string directory, CancellationToken cancellationToken);
}
