using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Core.Sources;

/// <summary>The reader of source.kind none: an empty catalog that provides no reference values.</summary>
internal sealed class NoSource : ISourceCatalogReader
{
    public Task<SourceCatalog> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(SourceCatalog.Empty("none (target keys only)"));
}
