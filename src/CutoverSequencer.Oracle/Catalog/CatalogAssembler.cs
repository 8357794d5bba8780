using CutoverSequencer.Core.Model;

namespace CutoverSequencer.Oracle.Catalog;

/// <summary>One table of dictionary rows: the content of one export file.</summary>
public sealed record CatalogTable(string File, IReadOnlyList<string> Columns, IReadOnlyList<CatalogRow> Rows);

/// <summary>Export-file tables → <see cref="SourceCatalog"/>, the same for export directories and live reads.</summary>
public static class CatalogAssembler
{
    /// <param name="rows">The rows of an export file, checked for the required columns; null when the optional file is absent.</param>
    public static SourceCatalog Assemble(
        string kind,
        string description,
        Func<string, IReadOnlyCollection<string>, IReadOnlyList<CatalogRow>?> rows,
        IReadOnlyList<string> owners)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(owners);
        var wanted = owners.ToHashSet(StringComparer.Ordinal);
        bool Wanted(CatalogRow row, string ownerColumn) => wanted.Count == 0 || wanted.Contains(row.Text(ownerColumn));

        var sequenceRows = rows("sequences.csv", CatalogMapping.SequenceColumns)
            ?? throw new Core.InvalidInputException("sequences.csv: required export file not found");
        var sequences = sequenceRows.Where(r => Wanted(r, "SEQUENCE_OWNER")).Select(CatalogMapping.Sequence).ToList();
        CatalogMapping.RejectDuplicates(sequences, s => s.FullName, s => s.Location, "sequence");

        var identities = (rows("identity_columns.csv", CatalogMapping.IdentityColumns) ?? [])
            .Where(r => Wanted(r, "OWNER")).Select(CatalogMapping.Identity).ToList();
        var triggerRows = (rows("triggers.csv", CatalogMapping.TriggerColumns) ?? []).Where(r => Wanted(r, "OWNER")).ToList();
        var lines = (rows("trigger_source.csv", CatalogMapping.TriggerSourceColumns) ?? []).Select(CatalogMapping.SourceLine);
        var columns = (rows("columns.csv", CatalogMapping.ColumnColumns) ?? []).Where(r => Wanted(r, "OWNER")).Select(CatalogMapping.Column).ToList();
        var samples = (rows("guid_samples.csv", CatalogMapping.SampleColumns) ?? []).Where(r => Wanted(r, "OWNER")).Select(CatalogMapping.Sample).ToList();

        var info = rows("export_info.csv", ["CAPTURED_AT"])?.FirstOrDefault();
        var (capturedAt, scn, version) = info is null ? (null, null, null) : CatalogMapping.ExportInfo(info);
        return new SourceCatalog(kind, description + (scn is null ? "" : $" (SCN {scn})"), sequences, capturedAt, scn, version)
        {
            IdentityColumns = identities,
            Triggers = CatalogMapping.Triggers(triggerRows, lines, rows("trigger_dependencies.csv", CatalogMapping.DependencyColumns)),
            Columns = columns,
            Samples = samples,
        };
    }
}

/// <summary>A materialised dictionary row (from a live query), addressable by column name.</summary>
public sealed class ArrayRow(string location, IReadOnlyDictionary<string, int> columns, string?[] values) : CatalogRow
{
    public override string Location => location;

    public IReadOnlyList<string?> Values => values;

    public override string? Get(string column) =>
        columns.TryGetValue(column, out var i) && !string.IsNullOrEmpty(values[i]) ? values[i] : null;

    /// <summary>
    /// Every row of a data reader as strings: NUMBER columns arrive as text already (TO_CHAR 'TM9')
    /// where precision matters; the rest is formatted invariantly.
    /// </summary>
    public static CatalogTable ReadAll(System.Data.Common.DbDataReader reader, string file, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var names = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).ToUpperInvariant()).ToList();
        var index = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.OrdinalIgnoreCase);
        var rows = new List<CatalogRow>();
        while (reader.Read())
        {
            var values = new string?[names.Count];
            for (var i = 0; i < names.Count; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }
            rows.Add(new ArrayRow($"{source} row {rows.Count + 1}", index, values));
        }
        return new CatalogTable(file, names, rows);
    }
}
