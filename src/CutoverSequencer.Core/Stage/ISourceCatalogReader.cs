using CutoverSequencer.Core.Model;

namespace CutoverSequencer.Core.Stage;

/// <summary>Reads the source side's sequence states (a live dictionary, an export, another PostgreSQL).</summary>
public interface ISourceCatalogReader
{
    Task<SourceCatalog> ReadAsync(CancellationToken cancellationToken);
}
