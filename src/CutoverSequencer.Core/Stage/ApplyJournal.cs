using System.Text.Json;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Stage;

/// <summary>
/// apply-journal.json: written and flushed to disk before the first write, then updated as each
/// sequence is set. It holds every sequence's pre-state, so <c>rollback</c> can restore it exactly and
/// a later run can say what an interrupted one left half-done. It names the target by endpoint only.
/// </summary>
public sealed partial class ApplyJournal
{
    public const string FileName = "apply-journal.json";

    /// <summary>Serialization code generated at build time: no reflection at run time.</summary>
    private static readonly JournalJson Json = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static readonly TimeSpan SaveInterval = TimeSpan.FromMilliseconds(250);

    private readonly object gate = new();
    private readonly List<QualifiedName> marked = [];
    private readonly JournalEntry[] entries;
    private readonly Dictionary<QualifiedName, int> index;
    private readonly Timer? saver;
    private long lastSave;
    private bool dirty;

    private ApplyJournal(string path, JournalDocument document, bool autosave)
    {
        Path = path;
        entries = [.. document.Sequences];
        index = entries.Select((e, i) => (e.QualifiedName, i)).GroupBy(x => x.QualifiedName)
            .ToDictionary(g => g.Key, g => g.First().i);
        Document = document with { Sequences = entries };
        // Marks arrive once per sequence; the file is rewritten at most every SaveInterval, or ten times
        // the last rewrite's duration when that is longer (a kill loses at most that much: those
        // sequences read "pending", which rollback and re-runs check against the server).
        saver = autosave ? new Timer(_ => Flush(), null, SaveInterval, SaveInterval) : null;
    }

    public string Path { get; }

    public JournalDocument Document { get; private set; }

    public static ApplyJournal Begin(string path, string target, string configFile, IEnumerable<PlannedSequence> rows,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var entries = rows.Select(r => new JournalEntry(
            r.Sequence!.Schema,
            r.Sequence.Name,
            r.Name,
            new JournalPosition(r.Current!.LastValue, r.Current.IsCalled, r.Current.Increment),
            new JournalPlan((long)r.NewValue!.Value, (long)r.NextValue!.Value, r.NewIncrement ?? r.Current.Increment)
            {
                Reference = r.Reference is { } reference && reference >= long.MinValue && reference <= long.MaxValue
                    ? (long)reference
                    : null,
                Margin = r.Margin,
            },
            JournalEntry.Pending)).ToList();
        var document = new JournalDocument(1, target, configFile, now, JournalDocument.InProgress, null, null, entries)
        {
            Tool = Runtime.ToolInfo.Current,
        };
        var journal = new ApplyJournal(path, document, autosave: true);
        journal.Save(durable: true);
        return journal;
    }

    /// <summary>Records sequences as set (called as soon as the server confirmed each one).</summary>
    public void MarkSet(IEnumerable<QualifiedName> sequences)
    {
        lock (gate)
        {
            marked.AddRange(sequences);
            dirty = true;
            if (Environment.TickCount64 - lastSave >= SaveDelay)
            {
                SaveMarks();
            }
        }
    }

    public void Finish(string status, string? error, DateTimeOffset now)
    {
        saver?.Dispose();
        lock (gate)
        {
            ApplyMarks();
            Document = Document with { Status = status, FinishedAt = now, Error = error };
            Save(durable: true);
        }
    }

    private void Flush()
    {
        lock (gate)
        {
            if (dirty && Environment.TickCount64 - lastSave >= SaveDelay)
            {
                SaveMarks();
            }
        }
    }

    private void SaveMarks()
    {
        ApplyMarks();
        var started = Environment.TickCount64;
        Save(durable: false);
        lastSave = Environment.TickCount64;
        // A rewrite costs time in proportion to the journal: the next one waits at least ten times as
        // long as this one took, so saving never takes more than a tenth of the apply, at any size.
        SaveDelay = Math.Max((long)SaveInterval.TotalMilliseconds, 10 * (lastSave - started));
    }

    /// <summary>
    /// How long marks wait before the next rewrite: <see cref="SaveInterval"/>, longer for large journals.
    /// </summary>
    private long SaveDelay { get; set; } = (long)SaveInterval.TotalMilliseconds;

    /// <summary>Marks are applied in place: a journal of many thousand entries is not copied per save.</summary>
    private void ApplyMarks()
    {
        foreach (var name in marked)
        {
            if (index.TryGetValue(name, out var i) && entries[i].State == JournalEntry.Pending)
            {
                entries[i] = entries[i] with { State = JournalEntry.Set };
            }
        }
        marked.Clear();
        dirty = false;
    }

    /// <summary>
    /// Reads a journal, refusing (exit 2, naming the file and what is wrong) anything that is not one:
    /// an empty file, text, invalid JSON, a report, a journal with fields missing.
    /// </summary>
    public static JournalDocument Read(string path)
    {
        JournalDocument? document;
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length == 0)
            {
                throw new InvalidInputException($"{path}: not an apply journal: the file is empty");
            }
            document = JsonSerializer.Deserialize(stream, Json.JournalDocument);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            if (LooksLikeReport(path))
            {
                throw new InvalidInputException($"{path}: not an apply journal: {ReportNotJournal}", e);
            }
            throw new InvalidInputException(IsJson(path)
                ? $"{path}: not an apply journal: {WrongType(e.Path)} has the wrong type{where}"
                : $"{path}: not an apply journal: invalid JSON{where} " +
                  "(the journal is the apply-journal.json that apply writes)", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InvalidInputException($"{path}: cannot read the journal: {e.Message.Split('\n')[0]}", e);
        }
        var problem = document is null ? "the file holds JSON null" : Problem(document);
        if (problem is not null)
        {
            throw new InvalidInputException($"{path}: not an apply journal: {problem}");
        }
        return document!;
    }

    private static string WrongType(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "the document" : $"'{jsonPath[2..]}'";

    private const string ReportNotJournal = "it looks like a report (cutover-report.json or rollback-report.json); " +
        "the journal is the apply-journal.json that apply writes beside its report";

    /// <summary>
    /// A report (of any version: an early one's <c>tool</c> is a string) has a command and sequences but no
    /// journal version or start time.
    /// </summary>
    private static bool LooksLikeReport(string path)
    {
        try
        {
            using var parsed = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = parsed.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("command", out _)
                && root.TryGetProperty("sequences", out _) && !root.TryGetProperty("startedAt", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsJson(string path)
    {
        try
        {
            using var parsed = JsonDocument.Parse(File.ReadAllBytes(path));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>What makes a deserialized document unusable as a journal, or null.</summary>
    private static string? Problem(JournalDocument document)
    {
        // A report has a status and sequences too, but no version or start time.
        if (document.Version == 0 && document.StartedAt == default && document.Sequences is not null)
        {
            return ReportNotJournal;
        }
        if (document.Version != 1)
        {
            return document.Version == 0
                ? "'version' is missing"
                : $"version {document.Version} is not one this tool reads (1)";
        }
        var head = new[] { ("target", document.Target), ("config", document.Config), ("status", document.Status) };
        foreach (var (name, value) in head)
        {
            if (string.IsNullOrEmpty(value))
            {
                return $"'{name}' is missing";
            }
        }
        if (document.StartedAt == default)
        {
            return "'startedAt' is missing";
        }
        if (document.Sequences is null)
        {
            return "'sequences' is missing";
        }
        for (var i = 0; i < document.Sequences.Count; i++)
        {
            var entry = document.Sequences[i];
            var problem = entry is null ? "is null"
                : string.IsNullOrEmpty(entry.Schema) ? "has no 'schema'"
                : string.IsNullOrEmpty(entry.Name) ? "has no 'name'"
                : string.IsNullOrEmpty(entry.Sequence) ? "has no 'sequence'"
                : entry.Before is null ? "has no 'before'"
                : entry.Planned is null ? "has no 'planned'"
                : string.IsNullOrEmpty(entry.State) ? "has no 'state'"
                : entry.Before.Increment == 0 || entry.Planned.Increment == 0 ? "has no 'increment' (or a zero one)"
                : null;
            if (problem is not null)
            {
                return $"sequences[{i}] {problem}";
            }
        }
        return null;
    }

    /// <summary>Rewrites a journal found on disk (after a rollback, or once a later run superseded it).</summary>
    public static void Update(string path, Func<JournalDocument, JournalDocument> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        new ApplyJournal(path, change(Read(path)), autosave: false).Save(durable: true);
    }

    /// <summary>
    /// Written to a temporary file, then renamed over the journal; <paramref name="durable"/> also
    /// flushes it to the disk (before the first write and at the end), beyond a process kill.
    /// </summary>
    private void Save(bool durable)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            // Entry by entry into the file, flushed as it goes: a journal of many thousand entries is
            // never held whole in a buffer (it is rewritten several times a second during apply).
            // Always in the current schema; a rewritten journal keeps the tool that applied (when it was recorded).
            var document = Document with
            {
                SchemaVersion = JournalDocument.CurrentSchemaVersion,
                Tool = Document.Tool ?? Runtime.ToolInfo.Current,
            };
            var options = new JsonWriterOptions { Indented = true, Encoder = Json.Options.Encoder };
            using (var writer = new Utf8JsonWriter(stream, options))
            {
                writer.WriteStartObject();
                // The head is every property the reader's contract has, in its order, but the entries.
                var sequences = Json.Options.PropertyNamingPolicy!.ConvertName(nameof(JournalDocument.Sequences));
                foreach (var property in Json.JournalDocument.Properties)
                {
                    if (property.Name != sequences)
                    {
                        writer.WritePropertyName(property.Name);
                        JsonSerializer.Serialize(writer, property.Get!(document), property.PropertyType, Json);
                    }
                }
                writer.WriteStartArray(sequences);
                foreach (var entry in document.Sequences)
                {
                    JsonSerializer.Serialize(writer, entry, Json.JournalEntry);
                    if (writer.BytesPending > 1 << 15)
                    {
                        writer.Flush();
                    }
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: durable);
        }
        File.Move(temporary, Path, overwrite: true);
    }
}
