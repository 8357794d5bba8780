using System.Globalization;
using System.Numerics;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Model;

namespace CutoverSequencer.Oracle.Catalog;

/// <summary>
/// Dictionary rows → source catalog records, identical for export files and live queries. Column
/// names are those of the Oracle views (and so of the export files' headers).
/// </summary>
public static class CatalogMapping
{
    public static readonly string[] SequenceColumns =
    [
        "SEQUENCE_OWNER", "SEQUENCE_NAME", "MIN_VALUE", "MAX_VALUE", "INCREMENT_BY",
        "CYCLE_FLAG", "ORDER_FLAG", "CACHE_SIZE", "LAST_NUMBER",
    ];

    public static readonly string[] IdentityColumns =
        ["OWNER", "TABLE_NAME", "COLUMN_NAME", "GENERATION_TYPE", "SEQUENCE_NAME"];

    public static readonly string[] TriggerColumns =
    [
        "OWNER", "TRIGGER_NAME", "TABLE_OWNER", "TABLE_NAME", "TRIGGER_TYPE", "TRIGGERING_EVENT", "STATUS",
        "REFERENCING_NAMES",
    ];

    public static readonly string[] TriggerSourceColumns = ["OWNER", "NAME", "LINE", "TEXT"];

    public static readonly string[] DependencyColumns = ["OWNER", "NAME", "REFERENCED_OWNER", "REFERENCED_NAME"];

    public static readonly string[] ColumnColumns =
        ["OWNER", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "DATA_LENGTH", "CHAR_LENGTH"];

    public static readonly string[] RoutineSourceColumns = ["OWNER", "NAME", "TYPE", "LINE", "TEXT"];

    public static readonly string[] CodeDependencyColumns =
        ["OWNER", "NAME", "TYPE", "REFERENCED_OWNER", "REFERENCED_NAME", "REFERENCED_TYPE"];

    public static readonly string[] SampleColumns = ["OWNER", "TABLE_NAME", "COLUMN_NAME", "VALUE"];

    public static SourceSequence Sequence(CatalogRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var sequence = new SourceSequence(
            // Owners and the default bounds repeat on every row of a large schema: one object each.
            string.Intern(row.Name("SEQUENCE_OWNER")),
            row.Name("SEQUENCE_NAME"),
            SharedBound(row.Number("MIN_VALUE", approximateAllowed: true)),
            SharedBound(row.Number("MAX_VALUE", approximateAllowed: true)),
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
        return sequence.IncrementBy.IsZero ? throw row.Error("INCREMENT_BY", "is 0") : sequence;
    }

    /// <summary>Oracle's default bounds (NOMAXVALUE ascending, NOMINVALUE descending), parsed once.</summary>
    private static readonly BigInteger[] DefaultBounds = [BigInteger.Pow(10, 28) - 1, -(BigInteger.Pow(10, 27) - 1)];

    private static BigInteger SharedBound(BigInteger value) =>
        Array.IndexOf(DefaultBounds, value) is var at and >= 0 ? DefaultBounds[at] : value;

    public static SourceIdentityColumn Identity(CatalogRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Name("OWNER"), row.Name("TABLE_NAME"), row.Name("COLUMN_NAME"),
            row.Trimmed("GENERATION_TYPE") ?? "",
            row.Trimmed("SEQUENCE_NAME") is null ? null : row.Name("SEQUENCE_NAME"),
            row.Location);
    }

    public static SourceTrigger Trigger(CatalogRow row, string text)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Name("OWNER"), row.Name("TRIGGER_NAME"), row.Name("TABLE_OWNER"),
            row.Trimmed("TABLE_NAME") is null ? "" : row.Name("TABLE_NAME"),
            row.Trimmed("TRIGGER_TYPE") ?? "", row.Trimmed("TRIGGERING_EVENT") ?? "",
            row.Trimmed("STATUS") ?? "ENABLED",
            row.Trimmed("REFERENCING_NAMES"), text, row.Location);
    }

    public static (string Owner, string Name, int Line, string Text) SourceLine(CatalogRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return (row.Text("OWNER"), row.Text("NAME"),
            row.OptionalInt("LINE") ?? throw row.Error("LINE", "is empty"), row.Get("TEXT") ?? "");
    }

    public static SourceColumn Column(CatalogRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Name("OWNER"), row.Name("TABLE_NAME"), row.Name("COLUMN_NAME"), row.Text("DATA_TYPE"),
            row.OptionalInt("DATA_LENGTH"), row.OptionalInt("CHAR_LENGTH"), row.Location)
        {
            DataDefault = row.Trimmed("DATA_DEFAULT"),
        };
    }

    public static SourceValueSample Sample(CatalogRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Text("OWNER"), row.Text("TABLE_NAME"), row.Text("COLUMN_NAME"), row.Get("VALUE"));
    }

    public static (DateTimeOffset? CapturedAt, string? Scn, string? Version) ExportInfo(CatalogRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        DateTimeOffset? capturedAt = null;
        if (row.Trimmed("CAPTURED_AT") is { } text)
        {
            if (!DateTimeOffset.TryParse(
                    text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                throw row.Error("CAPTURED_AT", $"is '{text}', not a timestamp (use YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM)");
            }
            capturedAt = parsed;
        }
        return (capturedAt, row.Trimmed("CURRENT_SCN"), row.Trimmed("DB_VERSION"));
    }

    /// <summary>
    /// Trigger text from DBA_SOURCE lines, in LINE order, joined per trigger; with the sequences each
    /// trigger depends on (DBA_DEPENDENCIES) when that file or view was read.
    /// </summary>
    public static IReadOnlyList<SourceTrigger> Triggers(
        IEnumerable<CatalogRow> triggerRows,
        IEnumerable<(string Owner, string Name, int Line, string Text)> lines,
        IReadOnlyList<CatalogRow>? dependencyRows = null)
    {
        var texts = lines
            .GroupBy(l => (l.Owner, l.Name))
            .ToDictionary(
                g => g.Key,
                g => string.Join("\n", g.OrderBy(l => l.Line).Select(l => l.Text.TrimEnd('\r', '\n'))));
        var dependencies = dependencyRows?
            .GroupBy(r => (r.Text("OWNER"), r.Text("NAME")))
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<string>)
                    [.. g.Select(r => $"{r.Text("REFERENCED_OWNER")}.{r.Text("REFERENCED_NAME")}")]);
        return [.. triggerRows.Select(row =>
        {
            var key = (row.Text("OWNER"), row.Text("TRIGGER_NAME"));
            return Trigger(row, texts.GetValueOrDefault(key) ?? "") with
            {
                ReferencedSequences = dependencies is null ? null : dependencies.GetValueOrDefault(key) ?? [],
            };
        })];
    }

    /// <summary>
    /// Stored code from DBA_SOURCE lines (source_code.csv), in LINE order, joined per unit (owner, name and
    /// type: a package's body apart from its specification); with the sequences each unit depends on when
    /// dependencies.csv was read. A unit is kept when its owner is wanted or a sequence it uses belongs to a
    /// wanted owner (code in a schema of its own).
    /// </summary>
    public static IReadOnlyList<SourceRoutine> Routines(
        IReadOnlyList<CatalogRow> lines, IReadOnlyList<CatalogRow>? dependencyRows, Func<string, bool> wanted)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(wanted);
        var dependencies = dependencyRows?
            .Where(r => string.Equals(r.Trimmed("REFERENCED_TYPE"), "SEQUENCE", StringComparison.OrdinalIgnoreCase))
            .GroupBy(r => (r.Text("OWNER"), r.Text("NAME"), r.Text("TYPE").ToUpperInvariant()))
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<string>)
                    [.. g.Select(r => $"{r.Text("REFERENCED_OWNER")}.{r.Text("REFERENCED_NAME")}").Distinct()]);
        var routines = new List<SourceRoutine>();
        foreach (var unit in lines.GroupBy(r => (r.Text("OWNER"), r.Text("NAME"), r.Text("TYPE").ToUpperInvariant())))
        {
            var ordered = unit
                .Select(r => (Row: r, Line: r.OptionalInt("LINE") ?? throw r.Error("LINE", "is empty")))
                .OrderBy(l => l.Line)
                .ToList();
            var referenced = dependencies is null ? null : dependencies.GetValueOrDefault(unit.Key) ?? [];
            var (owner, name, type) = unit.Key;
            if (!wanted(owner) && !(referenced ?? []).Any(r => wanted(r[..r.IndexOf('.', StringComparison.Ordinal)])))
            {
                continue;
            }
            var text = string.Join("\n", ordered.Select(l => (l.Row.Get("TEXT") ?? "").TrimEnd('\r', '\n')));
            routines.Add(new SourceRoutine(ordered[0].Row.Name("OWNER"), ordered[0].Row.Name("NAME"), type, text,
                ordered[0].Row.Location)
            {
                ReferencedSequences = referenced,
            });
        }
        return routines;
    }

    /// <summary>Rejects a second row for the same object, naming both places.</summary>
    public static void RejectDuplicates<T>(
        IEnumerable<T> items, Func<T, string> key, Func<T, string> location, string what)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!seen.TryAdd(key(item), location(item)))
            {
                throw new InvalidInputException(
                    $"{location(item)}: {what} {key(item)} is listed twice (first at {seen[key(item)]})");
            }
        }
    }
}
