using CutoverSequencer.Core;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Oracle.Catalog;

namespace CutoverSequencer.Oracle.Export;

/// <summary>
/// Reads an Oracle export directory: the CSV files written by docs/oracle/export-catalog.sql or by
/// <c>cutover-sequencer export</c>. Only sequences.csv is required.
/// </summary>
public sealed class OracleExportReader(string directory, IReadOnlyList<string> owners) : ISourceCatalogReader
{
    public Task<SourceCatalog> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Read());

    public SourceCatalog Read()
    {
        var sequencesPath = Path.Combine(directory, "sequences.csv");
        if (!File.Exists(sequencesPath))
        {
            throw new InvalidInputException($"{sequencesPath}: required export file not found");
        }
        return CatalogAssembler.Assemble(
            "oracle-export", $"oracle-export {directory}", Rows, [.. owners.Select(OracleName.Fold)]);
    }

    private IReadOnlyList<CatalogRow>? Rows(string file, IReadOnlyCollection<string> required)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path) ? ExportFile.Read(path, required) : null;
    }
}
