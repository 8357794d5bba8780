using CutoverSequencer.Core.Model;

namespace CutoverSequencer.Oracle.Catalog;

/// <summary>Export-file tables → <see cref="SourceCatalog"/>, the same for export directories and live reads.</summary>
public static class CatalogAssembler
{
    /// <param name="rows">
    /// The rows of an export file, checked for the required columns; null when the optional file is absent.
    /// </param>
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
        // A trigger counts when it or its table belongs to a listed owner: a code schema with CREATE ANY
        // TRIGGER may own the triggers on the application's tables.
        var triggerRows = (rows("triggers.csv", CatalogMapping.TriggerColumns) ?? [])
            .Where(r => Wanted(r, "OWNER") || Wanted(r, "TABLE_OWNER")).ToList();
        var lines = (rows("trigger_source.csv", CatalogMapping.TriggerSourceColumns) ?? [])
            .Select(CatalogMapping.SourceLine);
        var columns = (rows("columns.csv", CatalogMapping.ColumnColumns) ?? [])
            .Where(r => Wanted(r, "OWNER")).Select(CatalogMapping.Column).ToList();
        var samples = (rows("guid_samples.csv", CatalogMapping.SampleColumns) ?? [])
            .Where(r => Wanted(r, "OWNER")).Select(CatalogMapping.Sample).ToList();

        var codeDependencies = rows("dependencies.csv", CatalogMapping.CodeDependencyColumns);
        var routines = CatalogMapping.Routines(
            rows("source_code.csv", CatalogMapping.RoutineSourceColumns) ?? [], codeDependencies,
            owner => wanted.Count == 0 || wanted.Contains(owner));
        // dependencies.csv's TRIGGER rows stand in for trigger_dependencies.csv when only the former was written.
        var triggerDependencies = rows("trigger_dependencies.csv", CatalogMapping.DependencyColumns)
            ?? (codeDependencies?.Where(r => r.Trimmed("TYPE")?.ToUpperInvariant() == "TRIGGER").ToList() is
                { Count: > 0 } fromCode ? fromCode : null);

        var info = rows("export_info.csv", ["CAPTURED_AT"])?.FirstOrDefault();
        var (capturedAt, scn, version) = info is null ? (null, null, null) : CatalogMapping.ExportInfo(info);
        var described = description + (scn is null ? "" : $" (SCN {scn})");
        return new SourceCatalog(kind, described, sequences, capturedAt, scn, version)
        {
            IdentityColumns = identities,
            Triggers = CatalogMapping.Triggers(triggerRows, lines, triggerDependencies),
            Columns = columns,
            Routines = routines,
            Samples = samples,
        };
    }
}
