using System.Numerics;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Runtime;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Core.Wording;
using Humanizer;

namespace CutoverSequencer.Core.Reporting;

/// <summary>
/// What operations must be told before cutover (seed 7.6): which numbers will never be issued and
/// why, so that a "missing order numbers" report is recognised as expected.
/// </summary>
public static class OperationsBrief
{
    public const string Preamble =
        "New keys after cutover start past the values below. The numbers in each gap are never issued by PostgreSQL: " +
        "rows replayed from the source during CDC catch-up may fill some of them, the rest stay unused. " +
        "Dashboards and reports that look for missing numbers will show these gaps; they are the deliberate safety " +
        "margin, not lost data.";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CutoverReport,
        List<string>> Computed = [];

    /// <summary>
    /// The brief's lines: computed once per report for the three renderings, except in large runs,
    /// which render one at a time and spell each line as it is written (at many thousand sequences,
    /// the lines held whole are tens of megabytes).
    /// </summary>
    public static IEnumerable<string> LinesOf(CutoverReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return LargeRun.Applies(report.Plan.Sequences.Count)
            ? Lines(report)
            : Computed.GetValue(report, r => [.. Lines(r)]);
    }

    public static IEnumerable<string> Lines(CutoverReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var alert in Alerts(report))
        {
            yield return alert;
        }
        var any = false;
        foreach (var brief in Rows(report))
        {
            any = true;
            yield return Sentence(brief);
        }
        if (!any)
        {
            yield return NothingAdvanced(report);
        }
    }

    /// <summary>The brief's line when it speaks of no sequence.</summary>
    public static string NothingAdvanced(CutoverReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Plan.IsBlocked
            ? "Nothing was advanced: blocking findings must be resolved first (see Findings)."
            : "No sequence needs advancing: every sequence already issues values beyond the loaded keys.";
    }

    /// <summary>What went wrong, first: the failed verification and apply, naming the sequences.</summary>
    public static IEnumerable<string> Alerts(CutoverReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        // The first sentence says what went wrong, naming the sequences: nobody reads past a list first.
        var failed = report.Verification?.Where(v => !v.Passed).Select(v => v.Sequence).ToList() ?? [];
        if (failed.Count > 0)
        {
            var more = failed.Count > 10 ? ", ..." : "";
            yield return $"Verification FAILED for {failed.Count} sequence(s): " +
                $"{string.Join(", ", failed.Take(10))}{more}. " +
                "Do not open the application: each is not proven to clear every key and the source value (see " +
                "Verification for why).";
        }
        if (report.Apply is { Succeeded: false } apply)
        {
            yield return apply switch
            {
                { Set.Count: 0, NothingWritten: true }
                    => $"Apply FAILED before writing anything ({apply.Error}): " +
                        "every sequence was read back where it was. " +
                        "Fix the cause and re-run apply.",
                _ => $"Apply FAILED part-way ({apply.Error}): " +
                    $"{apply.Set.Count} sequence(s) known to be set (listed under " +
                    "Apply); others may have been set too, and nothing is verified. Re-run apply.",
            };
        }
    }

    /// <summary>The brief's values for each sequence it speaks of, in plan order, computed here only.</summary>
    public static IEnumerable<BriefRow> Rows(CutoverReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var row in report.Plan.Sequences)
        {
            if (State(report, row) is not { } state)
            {
                continue;
            }
            var keys = row.Columns.Count > 0
                ? string.Join(", ", row.Columns.Select(c => $"{c.Table}.{Identifier.Display(c.Name)}"))
                : "no table (sequence only)";
            var note = state.Kind switch
            {
                StateKind.Planned => "after apply",
                StateKind.ReadBack => "read back",
                _ => "as set; not read back",
            };
            var gap = SequenceGap.Between(state.LastKey, row.SourceHighWater, state.Next, row.Descending);
            BigInteger? firstKey = null;
            if (row.BlockSize is { } k)
            {
                // Hilo: the keys, not the values, are what operations see in the table.
                firstKey = Hilo.FirstKey(state.Next, k);
                gap = SequenceGap.Between(state.LastKey, row.SourceHighWater * k, firstKey, row.Descending);
            }
            yield return new BriefRow(row, keys, state.LastKey, row.SourceHighWater, state.Next, note, firstKey, gap);
        }
    }

    private static string Sentence(BriefRow brief)
    {
        var row = brief.Row;
        var facts = new List<string>();
        if (brief.LastKey is { } max)
        {
            facts.Add($"{(row.Descending ? "lowest" : "last")} loaded key {N(max)}");
        }
        if (brief.SourceLast is { } src)
        {
            facts.Add($"source high-water mark {N(src)}");
        }
        facts.Add(brief.NextNote == "after apply" ? $"first new value after apply {N(brief.Next)}"
            : $"first new value {N(brief.Next)} ({brief.NextNote})");
        if (row.BlockSize is { } k && brief.FirstKey is { } firstKey)
        {
            facts.Add($"hilo, {k} keys per value: first new key at least {N(firstKey)}");
        }
        return $"{row.Name} ({brief.Keys}): {string.Join("; ", facts)}; {GapText(brief.Gap)}.";
    }

    /// <summary>The gap in words: where it starts and ends, and which part the source may still fill.</summary>
    public static string GapText(SequenceGap? gap)
    {
        if (gap is null)
        {
            return "no gap";
        }
        var text = $"gap {N(gap.First)} – {N(gap.Last)} ({N(gap.Size)} values, {Words(gap.Size)})";
        if (gap.CatchUp is not { } catchUp)
        {
            return $"{text}, never issued";
        }
        var parts = new List<string> { $"{Range(catchUp)} may still arrive from the source during catch-up" };
        if (gap.Margin is { } margin)
        {
            parts.Add($"{Range(margin)} {(margin.Size == 1 ? "is" : "are")} the margin, never issued");
        }
        return $"{text}: {string.Join("; ", parts)}";

        static string Range(GapPart part) => part.Size == 1 ? N(part.First)
            : $"{N(part.First)} – {N(part.Last)} ({N(part.Size)})";
    }

    /// <summary>
    /// What the brief states for a row: its next value and last key, as read or left by this command.
    /// </summary>
    private static BriefState? State(CutoverReport report, PlannedSequence row)
    {
        if (row.Action == PlanAction.Blocked || row.NextValue is not { } planned)
        {
            return null;
        }
        if (report.VerificationOf(row) is { NextValue: { } read } verification)
        {
            // After apply or verify: the values read back, not the plan's.
            return new BriefState(read, verification.HighestKey ?? row.TargetMax, StateKind.ReadBack);
        }
        if (report.Verification is not null || row.Action != PlanAction.Advance)
        {
            return null;
        }
        return report.Apply is null
            ? new BriefState(planned, row.TargetMax, StateKind.Planned)
            : report.WasSet(row) ? new BriefState(planned, row.TargetMax, StateKind.SetNotRead) : null;
    }

    private enum StateKind
    {
        Planned,
        ReadBack,
        SetNotRead,
    }

    private sealed record BriefState(BigInteger Next, BigInteger? LastKey, StateKind Kind);

    /// <summary>
    /// The number in words. Each gap is spelled in the brief, the gap list and the JSON, and most gaps
    /// are the same size (the margin): spelled once per size, up to a bound.
    /// </summary>
    public static string Words(BigInteger value)
    {
        if (value < long.MinValue || value > long.MaxValue)
        {
            return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var number = (long)value;
        if (SpelledSizes.TryGetValue(number, out var words))
        {
            return words;
        }
        words = number.ToWords();
        if (SpelledSizes.Count < 4096)
        {
            SpelledSizes.TryAdd(number, words);
        }
        return words;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<long, string> SpelledSizes = new();

    private static string N(BigInteger value) => Numbers.Format(value);
}
