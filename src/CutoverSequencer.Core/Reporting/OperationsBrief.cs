using System.Numerics;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
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
        "Dashboards and reports that look for missing numbers will show these gaps; they are the deliberate safety margin, not lost data.";

    public static IEnumerable<string> Lines(CutoverReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var any = false;
        foreach (var row in report.Plan.Sequences.Where(r => r.Action == PlanAction.Advance))
        {
            var keys = row.Columns.Count > 0
                ? string.Join(", ", row.Columns.Select(c => $"{c.Table}.{Identifier.Display(c.Name)}"))
                : "no table (sequence only)";
            var facts = new List<string>();
            if (row.TargetMax is { } max)
            {
                facts.Add($"{(row.Descending ? "lowest" : "last")} loaded key {N(max)}");
            }
            if (row.SourceLast is { } src)
            {
                facts.Add($"source high-water mark {N(src)}");
            }
            var gap = row.Gap;
            var gapText = gap is null
                ? "no gap"
                : $"{N(gap.First)} – {N(gap.Last)} will not be issued ({N(gap.Size)} values, {Words(gap.Size)})";
            any = true;
            yield return $"{row.Name} ({keys}): {string.Join("; ", facts)}; first new value {N(row.NextValue!.Value)}; {gapText}.";
        }
        if (!any)
        {
            yield return report.Plan.IsBlocked
                ? "Nothing was advanced: blocking findings must be resolved first (see Findings)."
                : "No sequence needs advancing: every sequence already issues values beyond the loaded keys.";
        }
    }

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

    private static string N(BigInteger value) => AdvancementPlanner.Format(value);
}
