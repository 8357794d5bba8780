using System.Globalization;
using System.Numerics;
using System.Text.Json;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Reporting;

namespace CutoverSequencer.Core.Watch;

/// <summary>
/// watch-status.json (rewritten each round, atomically) and, at the end, watch-report.md, .html (with the
/// margin chart) and .json (every round's values: the history).
/// </summary>
public static partial class WatchReportWriter
{
    /// <summary>The version of docs/schemas/watch-status.schema.json and watch-report.schema.json written.</summary>
    public const string SchemaVersion = "1.0";

    public static void WriteStatus(WatchReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        ReportWriter.WriteFile(Path.Combine(directory, WatchReport.StatusFile), (Stream s) => Json(report, s, false));
    }

    public static void WriteReport(WatchReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        WriteStatus(report, directory);
        ReportWriter.WriteFile(Path.Combine(directory, WatchReport.JsonFile), (Stream s) => Json(report, s, true));
        ReportWriter.WriteFile(Path.Combine(directory, WatchReport.MarkdownFile),
            w => MarkdownWriter.Write(Blocks(report), w));
        ReportWriter.WriteFile(Path.Combine(directory, WatchReport.HtmlFile), w => Html(report, w));
    }

    public static string StatusJson(WatchReport report) => Text(s => Json(report, s, false));

    public static string ReportJson(WatchReport report) => Text(s => Json(report, s, true));

    public static string Markdown(WatchReport report) =>
        ReportWriter.ToText(w => MarkdownWriter.Write(Blocks(report), w));

    public static string Html(WatchReport report) => ReportWriter.ToText(w => Html(report, w));

    private static string Text(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Html(WatchReport report, TextWriter output)
    {
        var ok = report.Status is "ended" or "watching";
        HtmlWriter.Write(Blocks(report), output, $"Watch report: {report.Status}", report.Status.ToUpperInvariant(),
            ok ? "ok" : "bad",
            $"cutover-sequencer · watch · {Utc(report.EndedAt ?? report.LastRound?.At ?? report.StartedAt)}");
    }

    private static IEnumerable<Block> Blocks(WatchReport report)
    {
        var tracker = report.Tracker;
        yield return new Heading(1, $"Watch report: {report.Status}");
        var last = report.LastRound;
        yield return new Paragraph([
            Inline.Strong(Headline(report)),
            Inline.Plain(report.ExitCode is { } code ? $" Exit code {code}." : ""),
        ]);
        yield return new BulletList([
            [Inline.Plain("Configuration: "), Inline.Code(report.ConfigFile)],
            [Inline.Plain("Source: "), Inline.Plain(report.Source)],
            [Inline.Plain("Target: "), Inline.Code(report.Target)],
            [
                Inline.Plain($"Rounds: {tracker.Rounds.Count}, every {WatchTime.Format(report.Interval)}, from " +
                    $"{Utc(report.StartedAt)}" + (report.EndedAt is { } ended ? $" to {Utc(ended)}" : "") +
                    (report.Until is { } until ? $" (until {Utc(until)})" : "")),
            ],
            [
                Inline.Plain($"Threshold: {Percent(tracker.Settings.Threshold)} of each sequence's margin" +
                    (tracker.Settings.CutoverAt is { } cutover ? $"; cutover at {Utc(cutover)}" : "") +
                    (report.FailOnLow ? "; --fail-on low" : "") + (report.ReAdvance ? "; --re-advance" : "")),
            ],
        ]);
        if (report.Error is { } error)
        {
            yield return new Paragraph([Inline.Strong("Error: "), Inline.Plain(error)]);
        }
        yield return new Paragraph(
            "Margin left = the next value the sequence hands out − max(source value, highest key) (for a " +
            "descending sequence, min(source, lowest key) − next value); its share is of the margin the plan gives " +
            "the sequence " +
            "(safetyMargin, or the rate-aware margin). The rate is how fast max(source, keys) climbs, fitted over " +
            "the last rounds; run-out is when the margin left is used up at that rate.");
        if (last is not null)
        {
            yield return new Heading(2, $"Sequences (round {last.Number}, {Utc(last.At)})");
            yield return new Table(
                [
                    new Column("Sequence", Identifier: true), new Column("State"),
                    new Column("Next value", Numeric: true), new Column("Source", Numeric: true),
                    new Column("Keys", Numeric: true), new Column("Margin left", Numeric: true),
                    new Column("Share"), new Column("Rate /s", Numeric: true), new Column("Runs out"),
                ],
                last.Sequences.Select(s => (IReadOnlyList<IReadOnlyList<Inline>>)
                [
                    [Inline.Code(s.Sequence)],
                    [s.State == WatchState.Ok ? Inline.Plain(State(s.State)) : Inline.Strong(State(s.State))],
                    [Inline.Plain(Number(s.Next))],
                    [Inline.Plain(Number(s.Source))],
                    [Inline.Plain(Number(s.Keys))],
                    [Inline.Plain(Number(s.MarginLeft))],
                    s.Share is { } share ? [Inline.Meter(share * 100), Inline.Plain(" " + Percent(share))] : [],
                    [Inline.Plain(Rate(s.Rate))],
                    [Inline.Plain(RunsOut(s))],
                ]));
        }
        yield return new Heading(2, "Margin left over time");
        yield return new Figure(WatchChart.Svg(tracker),
            "Margin left per sequence, as a share of its margin, per round");
        // Round by round for the sequences that matter most; watch-report.json holds every sequence's history.
        var alerted = tracker.Rounds.SelectMany(r => r.Findings.Select(f => f.Object))
            .ToHashSet(StringComparer.Ordinal);
        var lowest = (last?.Sequences ?? []).Where(s => s.Share is not null).OrderBy(s => s.Share)
            .Take(HistoryTables).Select(s => s.Sequence).ToHashSet(StringComparer.Ordinal);
        var shown = tracker.Sequences.Where(n => alerted.Contains(n) || lowest.Contains(n)).ToList();
        if (shown.Count < tracker.Sequences.Count())
        {
            yield return new Paragraph($"Round by round below: the {shown.Count} sequence(s) with an alert or among " +
                $"the {HistoryTables} lowest margins; every sequence's history is in {WatchReport.JsonFile}.");
        }
        foreach (var name in shown)
        {
            var history = tracker.Rounds.SelectMany(r => r.Sequences.Where(s => s.Sequence == name)
                .Select(s => (Round: r, Status: s))).ToList();
            yield return new Heading(3, name);
            yield return new Table(
                [
                    new Column("Round", Numeric: true), new Column("Time (UTC)"), new Column("State"),
                    new Column("Next value", Numeric: true), new Column("max(source, keys)", Numeric: true),
                    new Column("Margin left", Numeric: true), new Column("Share", Numeric: true),
                ],
                history.Select(h => (IReadOnlyList<IReadOnlyList<Inline>>)
                [
                    [Inline.Plain(h.Round.Number.ToString(CultureInfo.InvariantCulture))],
                    [Inline.Plain(h.Round.At.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture))],
                    [Inline.Plain(State(h.Status.State))],
                    [Inline.Plain(Number(h.Status.Next))],
                    [Inline.Plain(Number(h.Status.Reference))],
                    [Inline.Plain(Number(h.Status.MarginLeft))],
                    [Inline.Plain(h.Status.Share is { } s ? Percent(s) : "")],
                ]));
        }
        if (tracker.ReAdvances.Count > 0)
        {
            yield return new Heading(2, "Re-advances");
            yield return new Table(
                [
                    new Column("After round", Numeric: true), new Column("Time (UTC)"), new Column("Sequences"),
                    new Column("Status"), new Column("Exit code", Numeric: true), new Column("Reports and journal"),
                ],
                tracker.ReAdvances.Select(a => (IReadOnlyList<IReadOnlyList<Inline>>)
                [
                    [Inline.Plain(a.Round.ToString(CultureInfo.InvariantCulture))],
                    [Inline.Plain(Utc(a.At))],
                    [Inline.Plain(string.Join(", ", a.Sequences))],
                    [Inline.Plain(a.Status)],
                    [Inline.Plain(a.ExitCode.ToString(CultureInfo.InvariantCulture))],
                    [Inline.Code(a.Directory)],
                ]));
        }
        var findings = tracker.Rounds.SelectMany(r => r.Findings.Select(f => (r.Number, Finding: f))).ToList();
        yield return new Heading(2, $"Alerts ({findings.Count})");
        if (findings.Count == 0)
        {
            yield return new Paragraph("None: every measured margin stayed at or above the threshold.");
        }
        else
        {
            yield return new Table(
                [
                    new Column("Round", Numeric: true), new Column("Code", Identifier: true),
                    new Column("Severity"), new Column("Message"),
                ],
                findings.Select(f => (IReadOnlyList<IReadOnlyList<Inline>>)
                [
                    [Inline.Plain(f.Number.ToString(CultureInfo.InvariantCulture))],
                    [Inline.Code(f.Finding.Code)],
                    [Inline.Plain(f.Finding.Severity.ToString().ToLowerInvariant())],
                    [Inline.Plain(f.Finding.Message)],
                ]));
        }
    }

    /// <summary>How many of the lowest margins get a round-by-round table besides those with alerts.</summary>
    private const int HistoryTables = 10;

    private static string Headline(WatchReport report) => report.Status switch
    {
        "watching" => $"Watching: round {report.Tracker.Rounds.Count}.",
        "moved-backwards" => "Stopped: a sequence moved backwards.",
        "margin-low" => "Stopped (--fail-on low): a margin alert.",
        "margin-exhausted" => "A sequence has no margin left.",
        "re-advance-failed" => "Stopped: a re-advance did not complete.",
        "read-failed" => "Stopped: a reading failed.",
        _ => $"Ended ({report.EndReason ?? "done"}) after {report.Tracker.Rounds.Count} round(s).",
    };

    /// <summary>A state as the files and logs spell it: ok, low, exhausted, no-reference, blocked, not-read.</summary>
    public static string State(WatchState state) => state switch
    {
        WatchState.Ok => "ok",
        WatchState.Low => "low",
        WatchState.Exhausted => "exhausted",
        WatchState.NoReference => "no-reference",
        WatchState.Blocked => "blocked",
        _ => "not-read",
    };

    public static string Number(BigInteger? value) =>
        value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "";

    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Rate(double? rate) =>
        rate is { } r ? r.ToString("0.###", CultureInfo.InvariantCulture) : "unknown";

    public static string RunsOut(WatchStatus status) => status switch
    {
        { MarginLeft: null } => "",
        { MarginLeft: var left } when left <= 0 => "now",
        { RunsOutAt: { } at } => Utc(at),
        { Rate: null } => "unknown (one reading)",
        _ => "not consumed",
    };

    private static string Utc(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
