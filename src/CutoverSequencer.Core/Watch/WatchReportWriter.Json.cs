using System.Globalization;
using System.Numerics;
using System.Text.Json;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Reporting;

namespace CutoverSequencer.Core.Watch;

/// <summary>
/// watch-status.json and watch-report.json (docs/schemas/watch-status.schema.json, watch-report.schema.json).
/// </summary>
public static partial class WatchReportWriter
{
    private static void Json(WatchReport report, Stream stream, bool history)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        var tracker = report.Tracker;
        var last = report.LastRound;
        w.WriteStartObject();
        // docs/schemas/watch-status.schema.json, watch-report.schema.json
        JsonFields.WriteHeader(w, SchemaVersion);
        w.WriteString("command", "watch");
        w.WriteString("status", report.Status);
        if (report.ExitCode is { } code)
        {
            w.WriteNumber("exitCode", code);
        }
        else
        {
            w.WriteNull("exitCode");
        }
        w.WriteString("config", report.ConfigFile);
        w.WriteString("source", report.Source);
        w.WriteString("target", report.Target);
        w.WriteString("startedAt", report.StartedAt);
        Time(w, "endedAt", report.EndedAt);
        w.WriteString("endReason", report.EndReason);
        w.WriteString("error", report.Error);
        w.WriteStartObject("settings");
        w.WriteNumber("intervalSeconds", report.Interval.TotalSeconds);
        Time(w, "until", report.Until);
        w.WriteNumber("threshold", tracker.Settings.Threshold);
        Time(w, "cutoverAt", tracker.Settings.CutoverAt);
        w.WriteBoolean("failOnLow", report.FailOnLow);
        w.WriteBoolean("reAdvance", report.ReAdvance);
        w.WriteEndObject();
        w.WriteNumber("round", last?.Number ?? 0);
        Time(w, "time", last?.At);
        w.WriteStartArray("sequences");
        foreach (var status in last?.Sequences ?? [])
        {
            w.WriteStartObject();
            Status(w, status);
            if (history)
            {
                w.WriteStartArray("history");
                foreach (var round in tracker.Rounds)
                {
                    if (round.Sequences.FirstOrDefault(s => s.Sequence == status.Sequence) is not { } then)
                    {
                        continue;
                    }
                    w.WriteStartObject();
                    w.WriteNumber("round", round.Number);
                    w.WriteString("time", round.At);
                    Status(w, then);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("alerts");
        var alerts = history
            ? tracker.Rounds.SelectMany(r => r.Findings.Select(f => (r.Number, f)))
            : (last?.Findings ?? []).Select(f => (last!.Number, f));
        foreach (var (round, finding) in alerts)
        {
            Finding(w, round, finding);
        }
        w.WriteEndArray();
        w.WriteStartArray("reAdvances");
        foreach (var a in tracker.ReAdvances)
        {
            w.WriteStartObject();
            w.WriteNumber("round", a.Round);
            w.WriteString("time", a.At);
            w.WriteString("directory", a.Directory);
            w.WriteStartArray("sequences");
            foreach (var s in a.Sequences)
            {
                w.WriteStringValue(s);
            }
            w.WriteEndArray();
            w.WriteString("status", a.Status);
            w.WriteNumber("exitCode", a.ExitCode);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void Status(Utf8JsonWriter w, WatchStatus s)
    {
        w.WriteString("sequence", s.Sequence);
        w.WriteString("state", State(s.State));
        JsonFields.WriteInteger(w, "nextValue", s.Next);
        JsonFields.WriteInteger(w, "sourceValue", s.Source);
        JsonFields.WriteInteger(w, "keyValue", s.Keys);
        JsonFields.WriteInteger(w, "reference", s.Reference);
        JsonFields.WriteInteger(w, "marginLeft", s.MarginLeft);
        w.WriteNumber("margin", s.MarginHad);
        Double(w, "marginShare", s.Share);
        Double(w, "ratePerSecond", s.Rate);
        Time(w, "runsOutAt", s.RunsOutAt);
        w.WriteStartArray("alerts");
        foreach (var code in s.Alerts)
        {
            w.WriteStringValue(code);
        }
        w.WriteEndArray();
    }

    private static void Finding(Utf8JsonWriter w, int round, Finding f)
    {
        w.WriteStartObject();
        w.WriteNumber("round", round);
        JsonFields.WriteFinding(w, f);
        w.WriteEndObject();
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Double(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, Math.Round(v, 6));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
