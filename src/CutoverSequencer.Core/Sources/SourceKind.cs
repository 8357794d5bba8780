using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Stage;
using Microsoft.Extensions.Logging;

namespace CutoverSequencer.Core.Sources;

/// <summary>
/// One value of <c>source.kind</c>: the keys under <c>source</c> it reads, how it names objects, and how
/// its catalog is read. Source projects declare theirs; the composition root registers them.
/// </summary>
public sealed class SourceKind
{
    private static readonly IReadOnlyDictionary<string, string> NoHints = new Dictionary<string, string>();

    /// <summary>The <c>source.kind</c> value, lower case.</summary>
    public required string Name { get; init; }

    public required SourceNaming Naming { get; init; }

    /// <summary>Keys under <c>source</c> this kind reads (kind and nameFolding are read for every kind).</summary>
    public IReadOnlyList<string> Reads { get; init; } = [];

    /// <summary>Keys under <c>source</c> this kind allows and does not read (not resolved, not refused).</summary>
    public IReadOnlyList<string> Ignores { get; init; } = [];

    /// <summary>Keys under <c>source</c> this kind cannot do without.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>source.connectionString is a PostgreSQL one (validated and converted to Npgsql form).</summary>
    public bool PostgresConnectionString { get; init; }

    /// <summary>What to do instead, by key, when this kind is given a key it does not read.</summary>
    public IReadOnlyDictionary<string, string> Refusals { get; init; } = NoHints;

    /// <summary>What to do instead, by key, when another kind is given a key only this one reads.</summary>
    public IReadOnlyDictionary<string, string> Offers { get; init; } = NoHints;

    /// <summary>Said of the kind in the documentation's table of refused keys, if anything.</summary>
    public string? Remark { get; init; }

    /// <summary>The reader of the configured source.</summary>
    public required Func<SourceConfig, ILogger, ISourceCatalogReader> CreateReader { get; init; }

    /// <summary>Reads an export directory (a <c>--baseline</c>) for the given owners; null: none.</summary>
    public Func<string, IReadOnlyList<string>, SourceCatalog>? ReadExport { get; init; }

    /// <summary>The export file that gives an export its capture time, for messages.</summary>
    public string? CaptureTimeFile { get; init; }

    /// <summary>Writes the source's export files (the <c>export</c> command); null: the kind has none.</summary>
    public Func<SourceConfig, ILogger, ISourceExporter>? CreateExporter { get; init; }

    public override string ToString() => Name;
}
