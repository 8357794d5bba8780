using System.Globalization;
using System.Numerics;
using System.Text.Json;
using CutoverSequencer.Core.Sequences;

namespace CutoverSequencer.Core.Reporting;

/// <summary>Renders and writes the rollback report (Markdown, self-contained HTML, JSON).</summary>
public static class RollbackReportWriter
{
    public static void Write(RollbackReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        ReportWriter.WriteFile(
            Path.Combine(directory, RollbackReport.MarkdownFile), w => MarkdownWriter.Write(Blocks(report), w));
        ReportWriter.WriteFile(Path.Combine(directory, RollbackReport.HtmlFile), w => WriteHtml(report, w));
        ReportWriter.WriteFile(Path.Combine(directory, RollbackReport.JsonFile), (Stream s) => WriteJson(report, s));
    }

    public static string Markdown(RollbackReport report) =>
        ReportWriter.ToText(w => MarkdownWriter.Write(Blocks(report), w));

    public static string Html(RollbackReport report) => ReportWriter.ToText(w => WriteHtml(report, w));

    public static string Json(RollbackReport report)
    {
        using var stream = new MemoryStream();
        WriteJson(report, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteHtml(RollbackReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        var generated = report.GeneratedAt.ToUniversalTime()
            .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        HtmlWriter.Write(
            Blocks(report),
            output,
            $"Rollback report: {report.Status}",
            report.Status.ToUpperInvariant(),
            report.Refused ? "bad" : "ok",
            $"cutover-sequencer · rollback · {generated} UTC");
    }

    private static IEnumerable<Block> Blocks(RollbackReport report)
    {
        yield return new Heading(1, $"Rollback report: {report.Status}");
        yield return new Paragraph([
            Inline.Strong(report.Refused
                ? "Refused: nothing was written."
                : $"{report.Restored} sequence(s) restored to their pre-apply state."),
            Inline.Plain($" Exit code {report.ExitCode}."),
        ]);
        yield return new BulletList([
            [Inline.Plain("Journal: "), Inline.Code(report.JournalPath)],
            [Inline.Plain("Target: "), Inline.Code(report.Target)],
            [Inline.Plain("Configuration: "), Inline.Code(report.ConfigFile)],
            [
                Inline.Plain("Forced: "),
                Inline.Plain(report.Forced
                    ? "yes (--force: sequences that moved since apply were restored too)"
                    : "no"),
            ],
            [
                Inline.Plain("Generated: "),
                Inline.Plain(report.GeneratedAt.ToUniversalTime()
                    .ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
            ],
        ]);
        if (report.Refused)
        {
            yield return new Paragraph(
                "A sequence moved since apply (the application may already have taken values from it), " +
                "or no longer exists. " +
                "Lowering it could issue values again: rollback wrote nothing. " +
                "Re-run with --force to restore the moved ones anyway.");
        }
        yield return new Heading(2, "Sequences");
        yield return new Table(
            [
                new Column("Sequence"), new Column("Action"),
                new Column("Pre-apply (last_value, is_called, increment)"),
                new Column("Planned next value", Numeric: true),
                new Column("Found before rollback"), new Column("Read back after rollback"),
                new Column("Next value now", Numeric: true),
            ],
            report.Rows.Select(r => (IReadOnlyList<IReadOnlyList<Inline>>)
            [
                [Inline.Code(r.Entry.Sequence)],
                [
                    r.Action is "moved" or "missing" or "restored (forced)"
                        ? Inline.Strong(r.Action)
                        : Inline.Plain(r.Action),
                ],
                [
                    Inline.Plain(
                        Position(r.Entry.Before.LastValue, r.Entry.Before.IsCalled, r.Entry.Before.Increment)),
                ],
                [Inline.Plain(Number(r.Entry.Planned.NextValue))],
                [Inline.Plain(r.Found is { } f ? Position(f.LastValue, f.IsCalled, f.Increment) : "missing")],
                [Inline.Plain(r.ReadBack is { } b ? Position(b.LastValue, b.IsCalled, b.Increment) : "missing")],
                [Inline.Plain(r.ReadBack is { } n ? Number(n.NextValue) : "")],
            ]));
        yield return new Paragraph(
            "Actions: restored (set back to its pre-apply state), " +
            "restored (forced) (it had moved since apply; --force), " +
            "unchanged (already at its pre-apply state), " +
            "moved (neither at the planned nor at the pre-apply position), missing (no longer exists), " +
            "would restore (at the planned position; not restored because the rollback was refused).");
    }

    private static string Position(long last, bool called, long increment) =>
        string.Create(CultureInfo.InvariantCulture, $"{Number(last)}, {(called ? "true" : "false")}, {increment}");

    private static string Number(BigInteger value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The version of docs/schemas/rollback-report.schema.json written.</summary>
    public const string SchemaVersion = "1.0";

    private static void WriteJson(RollbackReport report, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        w.WriteStartObject();
        // docs/schemas/rollback-report.schema.json
        JsonFields.WriteHeader(w, SchemaVersion);
        w.WriteString("command", "rollback");
        w.WriteString("status", report.Status);
        w.WriteNumber("exitCode", report.ExitCode);
        w.WriteString("generatedAt", report.GeneratedAt);
        w.WriteString("journal", report.JournalPath);
        w.WriteString("target", report.Target);
        w.WriteString("config", report.ConfigFile);
        w.WriteBoolean("forced", report.Forced);
        w.WriteNumber("restored", report.Restored);
        w.WriteStartArray("sequences");
        foreach (var row in report.Rows)
        {
            w.WriteStartObject();
            w.WriteString("sequence", row.Entry.Sequence);
            w.WriteString("action", row.Action);
            w.WriteStartObject("before");
            w.WriteNumber("lastValue", row.Entry.Before.LastValue);
            w.WriteBoolean("isCalled", row.Entry.Before.IsCalled);
            w.WriteNumber("increment", row.Entry.Before.Increment);
            w.WriteEndObject();
            w.WriteStartObject("planned");
            w.WriteNumber("newValue", row.Entry.Planned.NewValue);
            w.WriteNumber("nextValue", row.Entry.Planned.NextValue);
            w.WriteNumber("increment", row.Entry.Planned.Increment);
            w.WriteEndObject();
            WritePosition(w, "found", row.Found);
            WritePosition(w, "readBack", row.ReadBack);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WritePosition(Utf8JsonWriter w, string name, SequenceReading? position)
    {
        if (position is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteNumber("lastValue", position.LastValue);
        w.WriteBoolean("isCalled", position.IsCalled);
        w.WriteNumber("increment", position.Increment);
        // A next value past bigint (a descending or cycling edge) is written as text.
        JsonFields.WriteInteger(w, "nextValue", position.NextValue);
        w.WriteEndObject();
    }
}
