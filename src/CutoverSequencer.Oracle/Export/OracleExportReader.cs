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

    /// <summary>
    /// Files an export always writes with a header row: sequences.csv (required) and export_info.csv (one
    /// row, written last). Empty, they mean an export that did not finish, not "no rows".
    /// </summary>
    private static readonly Dictionary<string, string> AlwaysWithHeader = new(StringComparer.Ordinal)
    {
        ["sequences.csv"] = "the export writes its header row even when there is no sequence",
        ["export_info.csv"] = "the export writes this file last, always with one row",
    };

    private IReadOnlyList<CatalogRow>? Rows(string file, IReadOnlyCollection<string> required)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            return null;
        }
        // An empty optional file is a query without rows (the old export script spooled nothing then).
        return ExportFile.Read(path, required)
            ?? (AlwaysWithHeader.TryGetValue(file, out var why)
                ? throw new InvalidInputException(
                    $"{file}: the file is empty, without a header row ({why}): the export did not finish; " +
                    "run it again")
                : []);
    }
}
