using CutoverSequencer.Core;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Oracle.Catalog;

namespace CutoverSequencer.Oracle.Export;

/// <summary>
/// Reads an Oracle export directory: the CSV files written by docs/oracle/export-catalog.sql or by
/// <c>cutover-sequencer export</c>. Only sequences.csv is required.
/// </summary>
public sealed class OracleExportReader(string directory, IReadOnlyList<string> owners) : ISourceCatalogReader
{
    public const string SequencesFile = "sequences.csv";
    public const string IdentityColumnsFile = "identity_columns.csv";
    public const string TriggersFile = "triggers.csv";
    public const string TriggerSourceFile = "trigger_source.csv";
    public const string ColumnsFile = "columns.csv";
    public const string GuidSamplesFile = "guid_samples.csv";
    public const string ExportInfoFile = "export_info.csv";

    public Task<SourceCatalog> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Read());

    public SourceCatalog Read()
    {
        var sequencesPath = Path.Combine(directory, SequencesFile);
        if (!File.Exists(sequencesPath))
        {
            throw new InvalidInputException($"{sequencesPath}: required export file not found");
        }

        var wanted = owners.Select(OracleOwner).ToHashSet(StringComparer.Ordinal);
        bool Wanted(CatalogRow row, string ownerColumn) => wanted.Count == 0 || wanted.Contains(row.Text(ownerColumn));

        var sequences = Rows(SequencesFile, CatalogMapping.SequenceColumns)!
            .Where(r => Wanted(r, "SEQUENCE_OWNER")).Select(CatalogMapping.Sequence).ToList();
        CatalogMapping.RejectDuplicates(sequences, s => s.FullName, s => s.Location, "sequence");

        var identities = (Rows(IdentityColumnsFile, CatalogMapping.IdentityColumns) ?? [])
            .Where(r => Wanted(r, "OWNER")).Select(CatalogMapping.Identity).ToList();
        var triggerRows = (Rows(TriggersFile, CatalogMapping.TriggerColumns) ?? []).Where(r => Wanted(r, "OWNER")).ToList();
        var lines = (Rows(TriggerSourceFile, CatalogMapping.TriggerSourceColumns) ?? []).Select(CatalogMapping.SourceLine);
        var triggers = CatalogMapping.Triggers(triggerRows, lines);
        var columns = (Rows(ColumnsFile, CatalogMapping.ColumnColumns) ?? []).Where(r => Wanted(r, "OWNER")).Select(CatalogMapping.Column).ToList();
        var samples = (Rows(GuidSamplesFile, CatalogMapping.SampleColumns) ?? []).Where(r => Wanted(r, "OWNER")).Select(CatalogMapping.Sample).ToList();

        var info = Rows(ExportInfoFile, ["CAPTURED_AT"])?.FirstOrDefault();
        var (capturedAt, scn, version) = info is null ? (null, null, null) : CatalogMapping.ExportInfo(info);
        var description = $"oracle-export {directory}" + (scn is null ? "" : $" (SCN {scn})");
        return new SourceCatalog("oracle-export", description, sequences, capturedAt, scn, version)
        {
            IdentityColumns = identities,
            Triggers = triggers,
            Columns = columns,
            Samples = samples,
        };
    }

    /// <summary>The rows of an export file, or null when the (optional) file is absent.</summary>
    private IReadOnlyList<CatalogRow>? Rows(string file, IReadOnlyCollection<string> required)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path) ? ExportFile.Read(path, required) : null;
    }

    /// <summary>Oracle name rules: unquoted names are stored in upper case, "quoted" ones exactly.</summary>
    internal static string OracleOwner(string owner) =>
        owner.Length > 1 && owner[0] == '"' && owner[^1] == '"' ? owner[1..^1] : owner.ToUpperInvariant();
}
