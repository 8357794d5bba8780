using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Stage;
using Microsoft.Extensions.Logging;

namespace CutoverSequencer.Core.Sources;

/// <summary>
/// One value of <c>source.kind</c>: its configuration rules (<see cref="SourceKeyRules"/>) and how its
/// catalog is read. Source projects declare theirs; the composition root registers them.
/// </summary>
public sealed class SourceKind : SourceKeyRules
{
    /// <summary>The reader of the configured source.</summary>
    public required Func<SourceConfig, ILogger, ISourceCatalogReader> CreateReader { get; init; }

    /// <summary>Reads an export directory (a <c>--baseline</c>) for the given owners; null: none.</summary>
    public Func<string, IReadOnlyList<string>, SourceCatalog>? ReadExport { get; init; }

    /// <summary>The export file that gives an export its capture time, for messages.</summary>
    public string? CaptureTimeFile { get; init; }

    /// <summary>Writes the source's export files (the <c>export</c> command); null: the kind has none.</summary>
    public Func<SourceConfig, ILogger, ISourceExporter>? CreateExporter { get; init; }
}
