using System.Globalization;
using System.Numerics;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Core.Wording;

namespace CutoverSequencer.Core.Reporting;

/// <summary>The report's sections, in order, as blocks that the Markdown and HTML writers render.</summary>
public static partial class ReportLayout
{
    /// <param name="glance">HTML: a summary at the top (counts, every blocking finding linked to its row),
    /// the brief as a table, and blocked rows marked.</param>
    public static IEnumerable<Block> Blocks(CutoverReport report, bool glance = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var status = StatusText(report.Status);
        yield return new Heading(1, $"Cutover sequence report: {status}");
        var rows = glance ? RowIndex(report) : null;
        if (rows is not null)
        {
            foreach (var block in Glance(report, rows))
            {
                yield return block;
            }
        }
        yield return new Table([new Column("Run"), new Column("")], RunRows(report));

        yield return new Heading(2, "Operations brief");
        yield return new Paragraph(OperationsBrief.Preamble);
        if (rows is not null)
        {
            foreach (var block in BriefTable(report))
            {
                yield return block;
            }
        }
        else
        {
            yield return new BulletList(OperationsBrief.LinesOf(report).Select(Text));
        }

        yield return new Heading(2, "Sequences");
        // apply --plan: the inputs shown are the plan's readings (its values come from them), not this run's.
        var read = report.SavedPlan is null ? "" : " (plan's reading)";
        if (report.SavedPlan is not null)
        {
            yield return new Paragraph(Text("The pre-migration last value and target max are the saved plan's " +
                "readings, from which its values come; this run's readings were checked against them (PLAN_DRIFT)" +
                report.Status switch
                {
                    ReportStatus.Blocked => ", and nothing was applied.",
                    ReportStatus.ApplyFailed => "; apply stopped part-way (the apply section lists what was set) " +
                        "and nothing was verified.",
                    _ => "; verification read the sequences, the source and the keys as they are now.",
                }));
        }
        yield return new Table(
            [
                new Column("Sequence", Identifier: true), new Column("Key", Identifier: true),
                    new Column("Pre-migration last value" + read, true), new Column("Target max" + read, true),
                new Column("Margin", true), new Column("New value (setval)", true), new Column("Next value", true),
                    new Column("Expected gap"),
                new Column("Headroom"), new Column("Action"), new Column("Verified"),
            ],
            report.Plan.Sequences.Select(row => SequenceRow(report, row)))
        {
            Mark = rows is null ? null : i => new RowMark(Anchor(i), rows.Blocked.Contains(i)),
        };

        var gaps = report.Plan.Sequences.Where(r => r.Action == PlanAction.Advance && r.Gap is not null);
        if (gaps.Any())
        {
            yield return new Heading(2, "Expected gaps in words");
            yield return new BulletList(gaps.Select(row => Text(
                $"{row.Name}: {OperationsBrief.GapText(row.Gap)}.")));
        }

        yield return new Heading(2, "Findings");
        if (report.Findings.Count == 0)
        {
            yield return new Paragraph("None.");
        }
        else
        {
            yield return new Table(
                [new Column("Severity"), new Column("Code", Identifier: true), new Column("Object", Identifier: true),
                    new Column("Message"),
                    new Column("Resolution")],
                report.Findings.Select(f => (IReadOnlyList<IReadOnlyList<Inline>>)
                [
                    [f.Severity == Severity.Blocking ? Inline.Strong("blocking")
                        : Inline.Plain(f.Severity == Severity.Warning ? "warning" : "info")],
                    [Inline.Code(f.Code)], Text(f.Object), Text(f.Message), Text(f.Resolution),
                ]));
        }

        if (report.Apply is { } apply)
        {
            yield return new Heading(2, "Apply");
            yield return apply.Succeeded
                ? new Paragraph([Inline.Plain($"{apply.Set.Count} sequence(s) set with "),
                    Inline.Code("setval(sequence, new value, true)"), Inline.Plain(".")])
                : new Paragraph($"Apply failed at {apply.FailedAt?.ToString() ?? "?"}: {apply.Error}. " +
                    $"Set before the failure: {(apply.Set.Count == 0 ? "none" : string.Join(", ", apply.Set))}.");
        }

        if (report.Verification is { } readBack)
        {
            yield return new Heading(2, "Verification");
            yield return new Paragraph(
            [
                Inline.Plain("Each sequence was read back ("), Inline.Code("SELECT last_value, is_called"),
                Inline.Plain(", no value consumed) and its next value compared with the keys read afresh."),
            ]);
            yield return new BulletList(readBack.Select(v
                => Text($"{(v.Passed ? "✔" : "✘")} {v.Sequence}: {v.Detail}.")));
        }

        yield return new Heading(2, "How each value was derived");
        yield return new BulletList(report.Plan.Sequences.Select(row =>
        {
            var origin = row.Entries.Any(e => !e.IsConfigured)
                ? $" (mapped from {string.Join(", ", row.Entries.Select(e => e.Origin).Distinct())})" : "";
            var scan = row.ScanTime is { } t
                ? $" Key scan: {t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture)} ms." : "";
            return Text($"{row.Name}{origin}: {DerivationWording.Describe(row)}{scan}");
        }));

        if (report.PostLoadDefaults.Count > 0)
        {
            yield return new Heading(2, "Post-load column defaults (for review)");
            yield return new Paragraph(
            [
                Inline.Plain("These replace the Oracle triggers that filled keys from sequences; they are also in "),
                Inline.Code(ReportWriter.PostLoadDefaultsFile), Inline.Plain("."),
            ]);
            yield return new CodeBlock("sql", report.PostLoadDefaults.SelectMany(s => s.Split('\n')));
        }

        yield return new Heading(2, "Stage timings");
        yield return new Table([new Column("Stage"), new Column("Duration", true)],
            report.Timings.Select(t => (IReadOnlyList<IReadOnlyList<Inline>>)[Text(t.Stage),
                Text($"{t.Duration.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture)} ms")]));
    }

    /// <summary>"N: a to advance, u unchanged, b blocked": the run table's and the summary's words.</summary>
    public static string SequenceCounts(CutoverReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var counts = report.Plan.Sequences.GroupBy(s => s.Action).ToDictionary(g => g.Key, g => g.Count());
        return $"{report.Plan.Sequences.Count}: {counts.GetValueOrDefault(PlanAction.Advance)} to advance, " +
            $"{counts.GetValueOrDefault(PlanAction.Unchanged)} unchanged, " +
            $"{counts.GetValueOrDefault(PlanAction.Blocked)} blocked";
    }

    public static string FindingCounts(CutoverReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var bySeverity = report.Findings.GroupBy(f => f.Severity).ToDictionary(g => g.Key, g => g.Count());
        return $"{bySeverity.GetValueOrDefault(Severity.Blocking)} blocking, " +
            $"{bySeverity.GetValueOrDefault(Severity.Warning)} warning, " +
            $"{bySeverity.GetValueOrDefault(Severity.Info)} info";
    }

    public static string StatusText(ReportStatus status) => status switch
    {
        ReportStatus.Planned => "planned",
        ReportStatus.Blocked => "blocked",
        ReportStatus.Verified => "verified",
        ReportStatus.VerificationFailed => "verification failed",
        _ => "apply failed",
    };

    private static IEnumerable<IReadOnlyList<IReadOnlyList<Inline>>> RunRows(CutoverReport report)
    {
        static IReadOnlyList<IReadOnlyList<Inline>> Row(string name, params Inline[] value) => [[Inline.Plain(name)],
            value];
        yield return Row("Command", Inline.Code(report.Command));
        yield return Row("Status", Inline.Strong(StatusText(report.Status)),
            Inline.Plain($" (exit code {report.ExitCode})"));
        yield return Row("Generated", Inline.Plain(Time(report.GeneratedAt)));
        yield return Row("Configuration", Inline.Plain(report.ConfigFile));
        yield return Row("Source", Inline.Plain(report.Source + (report.SourceCapturedAt is { } c
            ? $", captured {Time(c)}" + (report.SavedPlan is null ? "" : " (the saved plan's reading)") : "")));
        yield return Row("Target", Inline.Plain(report.Target));
        if (report.SavedPlan is { } saved)
        {
            var done = report.Status switch
            {
                ReportStatus.Blocked => "not applied",
                ReportStatus.ApplyFailed => "applied part-way",
                _ => "applied",
            };
            yield return Row("Saved plan", Inline.Plain($"{saved.File}, made {Time(saved.PlannedAt)}: its values, " +
                $"derived from its own readings, {done} after checking this run's readings against them " +
                $"(--max-drift {saved.MaxDrift})"));
        }
        yield return Row("Sequences", Inline.Plain(SequenceCounts(report)));
        yield return Row("Findings", Inline.Plain(FindingCounts(report)));
        if (report.Plan.Interleave is { } stride)
        {
            yield return Row("Interleave",
                Inline.Plain($"node {stride.Node} of {stride.Nodes}: every sequence steps by {stride.Nodes} " +
                    $"and issues only values ≡ {stride.Residue} (mod {stride.Nodes})"));
        }
    }

    private static IReadOnlyList<IReadOnlyList<Inline>> SequenceRow(CutoverReport report, PlannedSequence row)
    {
        var verification = report.VerificationOf(row);
        Inline verified = verification is null ? Inline.Plain("–") : verification.Passed ? Inline.Plain("yes")
            : Inline.Strong("no");
        Inline action = row.Action switch
        {
            PlanAction.Advance when report.WasSet(row) => Inline.Plain("advanced"),
            PlanAction.Advance => Inline.Plain("advance"),
            PlanAction.Blocked => Inline.Strong("blocked"),
            _ => Inline.Plain("unchanged"),
        };
        var keys = row.Columns.Count > 0
            ? string.Join(", ", row.Columns.Select(c => $"{c.Table}.{Identifier.Display(c.Name)}"))
            : string.Join(", ", row.Entries.Select(e => e.Table is null ? "(sequence only)" : e.Describe()));
        var gap = row.Action != PlanAction.Blocked && row.Gap is { } g ? $"{N(g.Size)} ({N(g.First)} – {N(g.Last)})"
            : "–";
        return
        [
            Text(row.Name), Text(keys), Text(N(row.SourceLast)), Text(N(row.TargetMax)), Text(N(row.Margin)),
                Text(N(row.NewValue)),
            Text(N(row.NextValue)), Text(gap), Headroom(row), [action], [verified],
        ];
    }

    /// <summary>The share of the key's range left after the plan, the values left and what limits them.</summary>
    private static IReadOnlyList<Inline> Headroom(PlannedSequence row) =>
        row.Action == PlanAction.Blocked || row.Headroom is not { } room
            ? Text("–")
            : [Inline.Meter(room.PercentLeft), Inline.Plain(string.Create(CultureInfo.InvariantCulture,
                $"{Percent(room.PercentLeft)} left ({N(room.ValuesLeft)} values; {room.LimitedBy})"))];

    private static string Percent(double value) => value switch
    {
        // Rounded down: a key 99.99 % clear is not "100 %".
        >= 1 => (Math.Floor(value * 10) / 10).ToString("0.#", CultureInfo.InvariantCulture) + "%",
        > 0 => (Math.Floor(value * 10_000) / 10_000).ToString("0.####", CultureInfo.InvariantCulture) + "%",
        _ => "0%",
    };

    private static IReadOnlyList<Inline> Text(string text) => [Inline.Plain(text)];

    private static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string N(BigInteger? value) => value is { } v ? Numbers.Format(v) : "–";

    private static string N(long value) => Numbers.Format(value);
}
