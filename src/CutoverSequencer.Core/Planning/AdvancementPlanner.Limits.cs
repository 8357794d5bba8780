using System.Numerics;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Planning;

/// <summary>The planner's checks of a row against rates and limits.</summary>
public static partial class AdvancementPlanner
{
    /// <summary>
    /// Seed 7.3: the margin must cover every insert the source makes during the catch-up window.
    /// The rate is the larger of the declared one and the one measured between the baseline and now.
    /// </summary>
    private static RateMargin? RateFor(string name, SourceSequence? match, IReadOnlyList<TableEntry> entries,
        long configured,
        AdvancementConfig settings, SourceCatalog source, PlanPolicy? rates)
    {
        if (settings.CatchUpWindow is not { } window)
        {
            return null;
        }
        var declared = entries.Max(e => e.ExpectedInsertsPerHour);
        double? measured = null;
        RateBasis? measuredBasis = null;
        if (rates?.Baseline is { } baseline && match is not null)
        {
            var before = baseline.BySourceSequence.TryGetValue(match.FullName, out var b) ? b
                : baseline.ByTargetSequence.TryGetValue(name, out var t) ? t : (BigInteger?)null;
            var hours = ((source.CapturedAt ?? rates.Now) - baseline.CapturedAt).TotalHours;
            if (before is { } start && hours > 0)
            {
                var delta = BigInteger.Abs(match.LastNumber - start);
                measured = (double)delta / hours;
                measuredBasis = new RateBasis(delta, hours, baseline.Description);
            }
        }
        if (declared is null && measured is null)
        {
            return null;
        }
        var (perHour, basis) = (measured ?? -1) >= (declared ?? -1)
            ? (measured!.Value, measuredBasis!)
            : (declared!.Value, RateBasis.Declared);
        var required = (long)Math.Ceiling(perHour * window.TotalHours * (double)settings.RateHeadroom);
        return new RateMargin(perHour, basis, window, settings.RateHeadroom, required, configured);
    }

    /// <param name="blockSize">Hilo: the column must hold the highest key of the next value's block.</param>
    private static bool CheckLimits(TargetSequence sequence, IReadOnlyList<TargetColumn> columns, BigInteger next,
        List<Finding> findings, long? blockSize = null)
    {
        var name = sequence.Name.ToString();
        var blocked = false;
        var beyondSequence = sequence.Descending ? next < sequence.MinValue : next > sequence.MaxValue;
        if (beyondSequence)
        {
            blocked = true;
            var (word, limit) = sequence.Descending ? ("MINVALUE", sequence.MinValue) : ("MAXVALUE", sequence.MaxValue);
            findings.Add(Finding.Create(FindingCatalog.SequenceLimitExceeded, name,
                ("sequence", name), ("next", next), ("limitName", word), ("limit", limit)));
        }
        foreach (var column in columns)
        {
            if (column.IntegerRange is not { } range)
            {
                continue;
            }
            var limit = sequence.Descending ? range.Min : range.Max;
            var key = blockSize is { } k ? Hilo.LastKey(next, k) : next;
            if (sequence.Descending ? key < limit : key > limit)
            {
                blocked = true;
                var where = $"{column.Table}.{Identifier.Display(column.Name)}";
                findings.Add(Finding.Create(FindingCatalog.ColumnTypeOverflow, blockSize is null ? null : "hilo", where,
                    ("column", where), ("type", column.DataType), ("limit", limit), ("sequence", name),
                    ("next", next), ("blockSize", blockSize), ("key", key)));
            }
        }
        return blocked;
    }
}
