using System.Globalization;
using System.Numerics;
using System.Text;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Reporting;

/// <summary>cutover-report.md: what reviewers read. The HTML rendering is built from this text.</summary>
public static class MarkdownReportRenderer
{
    public static string Render(CutoverReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Cutover sequence report: {StatusText(report.Status)}");
        md.AppendLine();
        md.AppendLine("| Run | |");
        md.AppendLine("|---|---|");
        Row(md, "Command", $"`{report.Command}`");
        Row(md, "Status", $"**{StatusText(report.Status)}** (exit code {report.ExitCode})");
        Row(md, "Generated", Time(report.GeneratedAt));
        Row(md, "Configuration", Cell(report.ConfigFile));
        Row(md, "Source", Cell(report.Source) + (report.SourceCapturedAt is { } c ? $", captured {Time(c)}" : ""));
        Row(md, "Target", Cell(report.Target));
        var counts = report.Plan.Sequences.GroupBy(s => s.Action).ToDictionary(g => g.Key, g => g.Count());
        Row(md, "Sequences", $"{report.Plan.Sequences.Count}: {counts.GetValueOrDefault(PlanAction.Advance)} to advance, " +
            $"{counts.GetValueOrDefault(PlanAction.Unchanged)} unchanged, {counts.GetValueOrDefault(PlanAction.Blocked)} blocked");
        Row(md, "Findings", FindingCounts(report));
        if (report.Plan.Interleave is { } stride)
        {
            Row(md, "Interleave", $"node {stride.Node} of {stride.Nodes}: every sequence steps by {stride.Nodes} and issues only values ≡ {stride.Residue} (mod {stride.Nodes})");
        }
        md.AppendLine();

        md.AppendLine("## Operations brief");
        md.AppendLine();
        md.AppendLine(OperationsBrief.Preamble);
        md.AppendLine();
        foreach (var line in OperationsBrief.Lines(report))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {Escape(line)}");
        }
        md.AppendLine();

        md.AppendLine("## Sequences");
        md.AppendLine();
        md.AppendLine("| Sequence | Key | Pre-migration last value | Target max | Margin | New value (setval) | Next value | Expected gap | Action | Verified |");
        md.AppendLine("|---|---|--:|--:|--:|--:|--:|---|---|---|");
        foreach (var row in report.Plan.Sequences)
        {
            var verification = report.VerificationOf(row);
            var verified = verification is null ? "–" : verification.Passed ? "yes" : "**no**";
            var action = row.Action switch
            {
                PlanAction.Advance when report.WasSet(row) => "advanced",
                PlanAction.Advance => "advance",
                PlanAction.Blocked => "**blocked**",
                _ => "unchanged",
            };
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(row.Name)} | {Cell(Keys(row))} | {N(row.SourceLast)} | {N(row.TargetMax)} | {N(row.Margin)} | {N(row.NewValue)} | {N(row.NextValue)} | {GapCell(row)} | {action} | {verified} |");
        }
        md.AppendLine();

        var gaps = report.Plan.Sequences.Where(r => r.Action == PlanAction.Advance && r.Gap is not null).ToList();
        if (gaps.Count > 0)
        {
            md.AppendLine("## Expected gaps in words");
            md.AppendLine();
            foreach (var row in gaps)
            {
                var gap = row.Gap!;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"- {Escape(row.Name)}: {OperationsBrief.Words(gap.Size)} values, from {N(gap.First)} to {N(gap.Last)}.");
            }
            md.AppendLine();
        }

        md.AppendLine("## Findings");
        md.AppendLine();
        if (report.Findings.Count == 0)
        {
            md.AppendLine("None.");
        }
        else
        {
            md.AppendLine("| Severity | Code | Object | Message | Resolution |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var f in report.Findings)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {SeverityText(f.Severity)} | `{f.Code}` | {Cell(f.Object)} | {Cell(f.Message)} | {Cell(f.Resolution)} |");
            }
        }
        md.AppendLine();

        if (report.Apply is { } apply)
        {
            md.AppendLine("## Apply");
            md.AppendLine();
            md.AppendLine(apply.Succeeded
                ? $"{apply.Set.Count} sequence(s) set with `setval(sequence, new value, true)`."
                : $"Apply failed at {Escape(apply.FailedAt?.ToString() ?? "?")}: {Escape(apply.Error ?? "")}. Set before the failure: {(apply.Set.Count == 0 ? "none" : Escape(string.Join(", ", apply.Set)))}.");
            md.AppendLine();
        }

        if (report.Verification is { } readBack)
        {
            md.AppendLine("## Verification");
            md.AppendLine();
            md.AppendLine("Each sequence was read back (`SELECT last_value, is_called`, no value consumed) and its next value compared with the keys read afresh.");
            md.AppendLine();
            foreach (var v in readBack)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {(v.Passed ? "✔" : "✘")} {Escape(v.Sequence)}: {Escape(v.Detail)}.");
            }
            md.AppendLine();
        }

        md.AppendLine("## How each value was derived");
        md.AppendLine();
        foreach (var row in report.Plan.Sequences)
        {
            var origin = row.Entries.Any(e => !e.IsConfigured) ? $" (mapped from {string.Join(", ", row.Entries.Select(e => e.Origin).Distinct())})" : "";
            var scan = row.ScanTime is { } t ? $" Key scan: {t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture)} ms." : "";
            md.AppendLine(CultureInfo.InvariantCulture, $"- {Escape(row.Name)}{Escape(origin)}: {Escape(row.Derivation)}{scan}");
        }
        md.AppendLine();

        if (report.PostLoadDefaults.Count > 0)
        {
            md.AppendLine("## Post-load column defaults (for review)");
            md.AppendLine();
            md.AppendLine("These replace the Oracle triggers that filled keys from sequences; they are also in `post-load-defaults.sql`.");
            md.AppendLine();
            md.AppendLine("```sql");
            foreach (var statement in report.PostLoadDefaults)
            {
                md.AppendLine(statement);
            }
            md.AppendLine("```");
            md.AppendLine();
        }

        md.AppendLine("## Stage timings");
        md.AppendLine();
        md.AppendLine("| Stage | Duration |");
        md.AppendLine("|---|--:|");
        foreach (var t in report.Timings)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {t.Stage} | {t.Duration.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture)} ms |");
        }
        return md.ToString();
    }

    public static string StatusText(ReportStatus status) => status switch
    {
        ReportStatus.Planned => "planned",
        ReportStatus.Blocked => "blocked",
        ReportStatus.Verified => "verified",
        ReportStatus.VerificationFailed => "verification failed",
        _ => "apply failed",
    };

    private static string SeverityText(Severity severity) => severity switch
    {
        Severity.Blocking => "**blocking**",
        Severity.Warning => "warning",
        _ => "info",
    };

    private static string FindingCounts(CutoverReport report)
    {
        var bySeverity = report.Findings.GroupBy(f => f.Severity).ToDictionary(g => g.Key, g => g.Count());
        return $"{bySeverity.GetValueOrDefault(Severity.Blocking)} blocking, {bySeverity.GetValueOrDefault(Severity.Warning)} warning, {bySeverity.GetValueOrDefault(Severity.Info)} info";
    }

    private static string Keys(PlannedSequence row) =>
        row.Columns.Count > 0
            ? string.Join(", ", row.Columns.Select(c => $"{c.Table}.{Identifier.Display(c.Name)}"))
            : string.Join(", ", row.Entries.Select(e => e.Table is null ? "(sequence only)" : e.Describe()));

    private static string GapCell(PlannedSequence row) =>
        row.Action != PlanAction.Blocked && row.Gap is { } gap ? $"{N(gap.Size)} ({N(gap.First)} – {N(gap.Last)})" : "–";

    private static void Row(StringBuilder md, string name, string value) =>
        md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");

    private static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string N(BigInteger? value) => value is { } v ? AdvancementPlanner.Format(v) : "–";

    private static string N(long value) => AdvancementPlanner.Format(value);

    /// <summary>Names may hold any character (quoted identifiers): escape Markdown syntax.</summary>
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '[' or ']' or '<' or '>' or '|')
            {
                sb.Append('\\');
            }
            sb.Append(c is '\r' or '\n' ? ' ' : c);
        }
        return sb.ToString();
    }

    private static string Cell(string text) => Escape(text);
}
