using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Core.Reporting;

/// <summary>The HTML's summary at the top and the brief as a table.</summary>
public static partial class ReportLayout
{
    /// <summary>The sequences table's row anchor.</summary>
    public static string Anchor(int index) => $"seq-{index + 1}";

    private static IEnumerable<Block> Glance(CutoverReport report, GlanceRows rows)
    {
        yield return new Paragraph([Inline.Strong("Sequences: "), Inline.Plain(SequenceCounts(report))]);
        yield return new Paragraph([Inline.Strong("Findings: "), Inline.Plain(FindingCounts(report))]);
        var blocking = report.Findings.Where(f => f.Severity == Severity.Blocking).ToList();
        if (blocking.Count == 0)
        {
            yield return new Paragraph("No blocking findings.");
            yield break;
        }
        yield return new Heading(2, "Blocking findings");
        yield return new BulletList(blocking.Select(f => (IReadOnlyList<Inline>)
        [
            Inline.Code(f.Code), Inline.Plain(" "),
            rows.ByObject.TryGetValue(f.Object, out var i) ? Inline.Link(f.Object, Anchor(i)) : Inline.Plain(f.Object),
            Inline.Plain(": " + f.Message),
        ]))
        { Class = "blocking" };
    }

    private static IEnumerable<Block> BriefTable(CutoverReport report)
    {
        var alerts = OperationsBrief.Alerts(report).ToList();
        if (alerts.Count > 0)
        {
            yield return new BulletList(alerts.Select(Text));
        }
        var briefs = OperationsBrief.Rows(report);
        if (!briefs.Any())
        {
            yield return new Paragraph(OperationsBrief.NothingAdvanced(report));
            yield break;
        }
        yield return new Table(
            [
                new Column("Sequence", Identifier: true), new Column("Key", Identifier: true),
                new Column("Last loaded key", true), new Column("Source high-water mark", true),
                new Column("First new value", true), new Column("Gap"),
            ],
            briefs.Select(b => (IReadOnlyList<IReadOnlyList<Inline>>)
            [
                Text(b.Row.Name), Text(b.Keys),
                Text(b.LastKey is { } last ? N(last) + (b.Row.Descending ? " (lowest)" : "") : "–"),
                Text(N(b.SourceLast)),
                Text($"{N(b.Next)} ({b.NextNote})" + (b.Row.BlockSize is { } k && b.FirstKey is { } key
                    ? $"; hilo, {k} keys per value: first new key at least {N(key)}" : "")),
                Text(OperationsBrief.GapText(b.Gap)),
            ]));
    }

    /// <summary>Which row each finding's object names (the sequence, its keys, its entries) and which rows
    /// are blocked: by their action or by a blocking finding on them.</summary>
    private static GlanceRows RowIndex(CutoverReport report)
    {
        var byObject = new Dictionary<string, int>(StringComparer.Ordinal);
        var sequences = report.Plan.Sequences;
        for (var i = 0; i < sequences.Count; i++)
        {
            var row = sequences[i];
            byObject.TryAdd(row.Name, i);
            foreach (var c in row.Columns)
            {
                byObject.TryAdd($"{c.Table}.{Identifier.Display(c.Name)}", i);
            }
            foreach (var e in row.Entries)
            {
                byObject.TryAdd(e.Describe(), i);
            }
        }
        var blocked = new HashSet<int>(Enumerable.Range(0, sequences.Count)
            .Where(i => sequences[i].Action == PlanAction.Blocked));
        foreach (var f in report.Findings.Where(f => f.Severity == Severity.Blocking))
        {
            if (byObject.TryGetValue(f.Object, out var i))
            {
                blocked.Add(i);
            }
        }
        return new GlanceRows(byObject, blocked);
    }

    private sealed record GlanceRows(Dictionary<string, int> ByObject, HashSet<int> Blocked);
}
