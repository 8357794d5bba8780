using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Runtime;

namespace CutoverSequencer.Core.SavedPlans;

/// <summary>
/// plan.json: made from one reading and its plan, written once, read back for <c>apply --plan</c>, and the
/// readings it holds put back in place of the live ones so the same planner derives the same values again.
/// </summary>
public static class SavedPlan
{
    private static readonly PlanJson Json = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        Converters = { new ExactIntegerConverter() },
    });

    /// <summary>The plan document of one reading: the values and every input they were derived from.</summary>
    public static PlanDocument Create(string configFile, SourceCatalog catalog, TargetSnapshot snapshot,
        AdvancementPlan plan, DateTimeOffset plannedAt)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(plan);
        return new PlanDocument
        {
            SchemaVersion = PlanDocument.CurrentSchemaVersion,
            Tool = ToolInfo.Current,
            Kind = PlanDocument.DocumentKind,
            PlannedAt = plannedAt,
            Status = plan.IsBlocked ? PlanDocument.Blocked : PlanDocument.Planned,
            Config = new PlanConfigDigest(configFile, Digest(configFile)),
            Source = new PlanSourceState(catalog.Description, catalog.CapturedAt,
                [.. catalog.Sequences.Select(s => new PlanSourceValue(s.FullName, s.LastNumber))]),
            Target = new PlanTargetState(snapshot.Description, snapshot.ServerVersion),
            Entries = [.. snapshot.Entries.Select(e => EntryKey(e) with { KeyExtreme = e.KeyExtreme })],
            Sequences = [.. plan.Sequences.Select(Row)],
            Findings = [.. plan.Findings.Select(f => new PlanFinding(f.Code, f.Severity, f.Object, f.Message))],
        };
    }

    /// <summary>Written to a temporary file, flushed, then renamed: a plan on disk is never half written.</summary>
    public static void Write(PlanDocument document, string path)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, document, Json.PlanDocument);
            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: false);
    }

    /// <summary>A plan file read and checked; anything unusable is invalid input naming the file.</summary>
    public static PlanDocument Read(string path)
    {
        PlanDocument? document;
        try
        {
            var bytes = File.ReadAllBytes(path);
            using (var parsed = JsonDocument.Parse(bytes))
            {
                // Asked first: a report or a journal is named as such, not by the fields it lacks.
                if (parsed.RootElement.ValueKind != JsonValueKind.Object
                    || !parsed.RootElement.TryGetProperty("kind", out var kind)
                    || kind.ValueKind != JsonValueKind.String || kind.GetString() != PlanDocument.DocumentKind)
                {
                    throw new InvalidInputException($"{path}: not a plan written by 'plan --out' (its kind is not " +
                        $"'{PlanDocument.DocumentKind}'; a report or a journal cannot be applied)");
                }
            }
            document = JsonSerializer.Deserialize(bytes, Json.PlanDocument);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{path}: cannot read the plan: {e.Message}", e);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1})" : "";
            throw new InvalidInputException($"{path}{where}: not a plan written by 'plan --out': {e.Message}", e);
        }
        if (document is null)
        {
            throw new InvalidInputException($"{path}: not a plan written by 'plan --out' (null)");
        }
        if (!document.SchemaVersion.StartsWith("1.", StringComparison.Ordinal))
        {
            throw new InvalidInputException($"{path}: schemaVersion {document.SchemaVersion} is not one this " +
                "tool reads (1.x)");
        }
        if (document.IsBlocked)
        {
            var blocking = document.Findings.Count(f => f.Severity == Severity.Blocking);
            throw new InvalidInputException($"{path}: the plan was blocked when it was made ({blocking} blocking " +
                "finding(s)); nothing can be applied from it: resolve them and make a new plan");
        }
        foreach (var row in document.Sequences)
        {
            if (row.Sequence is null || row.Definition is null || row.Position is null)
            {
                throw new InvalidInputException($"{path}: sequence {row.Name}: no resolved target sequence, " +
                    "definition or position: the plan is incomplete");
            }
        }
        return document;
    }

    /// <summary>The SHA-256 of a configuration file's text, CRLF read as LF (a CRLF copy is the same file).</summary>
    public static string Digest(string configFile)
    {
        var text = File.ReadAllText(configFile).Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// The source catalog as the plan read it: its description, capture time and source values in place of the
    /// live ones, and only the sequences it read (one the source has gained since gives no value to the plan;
    /// the drift check measures the live values against the plan's references).
    /// </summary>
    public static SourceCatalog Planned(PlanDocument document, SourceCatalog live)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(live);
        var values = document.Source.Sequences.GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        return live with
        {
            Description = document.Source.Description,
            CapturedAt = document.Source.CapturedAt,
            Sequences = [.. live.Sequences.Where(s => values.ContainsKey(s.FullName))
                .Select(s => s with { LastNumber = values[s.FullName] })],
        };
    }

    /// <summary>
    /// The target snapshot with the plan's key extremes, sequence definitions and positions in place of the
    /// live ones; entries the plan does not hold stay as read (the drift check names them).
    /// </summary>
    public static TargetSnapshot Planned(PlanDocument document, TargetSnapshot live)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(live);
        var extremes = document.Entries.GroupBy(e => e with { KeyExtreme = null })
            .ToDictionary(g => g.Key, g => g.First().KeyExtreme);
        var sequences = document.Sequences.Where(r => r.Sequence is not null)
            .GroupBy(r => r.Sequence!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return live with
        {
            Entries = [.. live.Entries.Select(e => e with
            {
                KeyExtreme = extremes.TryGetValue(EntryKey(e), out var extreme) ? extreme : e.KeyExtreme,
                Sequence = e.Sequence is { } sequence && sequences.TryGetValue(sequence.Name.ToString(), out var row)
                    ? AsPlanned(sequence, row)
                    : e.Sequence,
            })],
        };
    }

    /// <summary>An entry's identity in the plan: table, key column and sequence, as the target resolved them.</summary>
    internal static PlanEntryState EntryKey(TargetEntryState entry) =>
        new(entry.Entry.Table?.ToString(), entry.Entry.PkColumn, (entry.Sequence?.Name ?? entry.Entry.Sequence)
            ?.ToString(), null);

    internal static PlanDefinition DefinitionOf(TargetSequence sequence) => new(sequence.DataType,
        sequence.StartValue, sequence.Increment, sequence.MinValue, sequence.MaxValue, sequence.CacheSize,
        sequence.Cycle);

    private static TargetSequence AsPlanned(TargetSequence live, PlanRow row) => live with
    {
        DataType = row.Definition!.DataType,
        StartValue = row.Definition.Start,
        Increment = row.Definition.Increment,
        MinValue = row.Definition.MinValue,
        MaxValue = row.Definition.MaxValue,
        CacheSize = row.Definition.Cache,
        Cycle = row.Definition.Cycle,
        LastValue = row.Position!.LastValue,
        IsCalled = row.Position.IsCalled,
    };

    private static PlanRow Row(PlannedSequence row) => new()
    {
        Name = row.Name,
        Sequence = row.Sequence?.ToString(),
        Action = row.Action,
        Definition = row.Current is { } current ? DefinitionOf(current) : null,
        Position = row.Current is { } now ? new PlanPosition(now.LastValue, now.IsCalled) : null,
        Tables = [.. row.Entries.Select(TableOf)],
        SourceName = row.SourceName,
        SourceLast = row.SourceLast,
        TargetMax = row.TargetMax,
        Reference = row.Reference,
        Margin = row.Margin,
        BlockSize = row.BlockSize,
        NewValue = row.Action == PlanAction.Blocked ? null : row.NewValue,
        NextValue = row.Action == PlanAction.Blocked ? null : row.NextValue,
        NewIncrement = row.NewIncrement,
    };

    /// <summary>How a row's table and key column are named in the plan and in its drift findings.</summary>
    internal static string TableOf(Configuration.TableEntry entry) =>
        entry.Table is { } table ? $"{table}.{entry.PkColumn}" : entry.Describe();
}
