using System.Globalization;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Oracle.Export;

/// <summary>
/// Reads the sequence states of an Oracle export directory (the CSV files the shipped SQL*Plus
/// script writes). Only sequences.csv is required; export_info.csv adds the capture time and SCN.
/// </summary>
public sealed class OracleExportReader(string directory, IReadOnlyList<string> owners) : ISourceCatalogReader
{
    public const string SequencesFile = "sequences.csv";
    public const string ExportInfoFile = "export_info.csv";

    private static readonly string[] SequenceColumns =
    [
        "SEQUENCE_OWNER", "SEQUENCE_NAME", "MIN_VALUE", "MAX_VALUE", "INCREMENT_BY",
        "CYCLE_FLAG", "ORDER_FLAG", "CACHE_SIZE", "LAST_NUMBER",
    ];

    public Task<SourceCatalog> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Read());

    public SourceCatalog Read()
    {
        var sequencesPath = Path.Combine(directory, SequencesFile);
        if (!File.Exists(sequencesPath))
        {
            throw new InvalidInputException($"{sequencesPath}: required export file not found");
        }

        var wanted = owners.Select(FoldOwner).ToHashSet(StringComparer.Ordinal);
        var sequences = new List<SourceSequence>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in ExportFile.Read(sequencesPath, SequenceColumns))
        {
            var owner = row.Text("SEQUENCE_OWNER");
            if (wanted.Count > 0 && !wanted.Contains(owner))
            {
                continue;
            }
            var sequence = new SourceSequence(
                owner,
                row.Text("SEQUENCE_NAME"),
                row.Number("MIN_VALUE", approximateAllowed: true),
                row.Number("MAX_VALUE", approximateAllowed: true),
                row.Number("INCREMENT_BY"),
                row.Flag("CYCLE_FLAG"),
                row.Flag("ORDER_FLAG"),
                row.Number("CACHE_SIZE"),
                // LAST_NUMBER is SEQ$.HIGHWATER: the first value not yet handed to any cache (RAC
                // included), so it bounds every value ever issued. It must be exact.
                row.Number("LAST_NUMBER"),
                row.Flag("SCALE_FLAG"),
                row.Flag("SESSION_FLAG"),
                row.Location);
            if (sequence.IncrementBy.IsZero)
            {
                throw row.Error("INCREMENT_BY", "is 0");
            }
            if (!seen.TryAdd(sequence.FullName, row.Location))
            {
                throw new InvalidInputException($"{row.Location}: sequence {sequence.FullName} is listed twice (first at {seen[sequence.FullName]})");
            }
            sequences.Add(sequence);
        }

        var (capturedAt, scn, version) = ReadExportInfo();
        var description = $"oracle-export {directory}" + (scn is null ? "" : $" (SCN {scn})");
        return new SourceCatalog("oracle-export", description, sequences, capturedAt, scn, version);
    }

    private (DateTimeOffset? CapturedAt, string? Scn, string? Version) ReadExportInfo()
    {
        var path = Path.Combine(directory, ExportInfoFile);
        if (!File.Exists(path))
        {
            return (null, null, null);
        }
        var row = ExportFile.Read(path, ["CAPTURED_AT"]).FirstOrDefault();
        if (row is null)
        {
            return (null, null, null);
        }
        DateTimeOffset? capturedAt = null;
        if (row.Get("CAPTURED_AT") is { } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                throw row.Error("CAPTURED_AT", $"is '{text}', not a timestamp (use YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM)");
            }
            capturedAt = parsed;
        }
        return (capturedAt, row.Get("CURRENT_SCN"), row.Get("DB_VERSION"));
    }

    /// <summary>Oracle name rules: unquoted names are stored in upper case, "quoted" ones exactly.</summary>
    private static string FoldOwner(string owner) =>
        owner.Length > 1 && owner[0] == '"' && owner[^1] == '"' ? owner[1..^1] : owner.ToUpperInvariant();
}
