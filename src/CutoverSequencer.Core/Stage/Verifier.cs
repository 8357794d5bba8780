using System.Numerics;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Stage;

/// <summary>
/// Proves, from a fresh reading of the target, that each sequence's next value clears every key
/// and the source value (is below them when descending). Pure: the reading is taken elsewhere.
/// </summary>
public static class Verifier
{
    /// <param name="recorded">
    /// null: verification inside apply, so the margin is measured against this plan's reference and the
    /// keys just read. Otherwise (the verify command) the reference and margin each sequence's apply
    /// recorded in its journal: keys the sequence issued after cutover lie between that reference and
    /// its next value and must not count against the margin. A sequence without a record is not
    /// checked for the margin (only for clearing every key).
    /// </param>
    public static (IReadOnlyList<SequenceVerification> Results, IReadOnlyList<Finding> Findings) Verify(
        AdvancementPlan plan, TargetSnapshot reading, IReadOnlyDictionary<Naming.QualifiedName, (BigInteger Reference, long Margin)>? recorded = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(reading);
        var results = new List<SequenceVerification>();
        var findings = new List<Finding>();
        var bySequence = reading.Entries
            .Where(e => e.Sequence is not null)
            .GroupBy(e => e.Sequence!.Name)
            .ToDictionary(g => g.Key, g => g.ToList());

        foreach (var row in plan.Sequences)
        {
            if (row.Sequence is null || !bySequence.TryGetValue(row.Sequence, out var entries))
            {
                results.Add(new SequenceVerification(row.Name, null, null, row.SourceLast, false));
                findings.Add(Finding.Of(FindingCatalog.VerificationFailed, row.Name, $"{row.Name} could not be read back."));
                continue;
            }

            var sequence = entries[0].Sequence!;
            // A key the read-back could not read (timeout, NaN, non-numeric text) is not "no keys": unproven.
            if (entries.FirstOrDefault(e => e.KeyFailure is not null) is { } unreadable)
            {
                var failure = unreadable.KeyFailure!;
                results.Add(new SequenceVerification(row.Name, null, null, row.SourceLast, false));
                findings.Add(Finding.Of(failure.Code, failure.Object, failure.Message, failure.Resolution));
                findings.Add(Finding.Of(FindingCatalog.VerificationFailed, row.Name, $"{row.Name}: the keys of {failure.Object} could not be read back, so the next value is not proven to clear them."));
                continue;
            }
            var descending = sequence.Descending;
            var next = sequence.NextValue;
            BigInteger? highestKey = null;
            foreach (var key in entries.Where(e => e.KeyExtreme is not null).Select(e => e.KeyExtreme!.Value))
            {
                highestKey = highestKey is { } h ? (descending ? BigInteger.Min(h, key) : BigInteger.Max(h, key)) : key;
            }

            var strideProblem = plan.Interleave is { } stride && !descending
                && (sequence.Increment != stride.Nodes || ((next % stride.Nodes) + stride.Nodes) % stride.Nodes != stride.Residue)
                    ? $"; it must step by {stride.Nodes} on residue {stride.Residue} but has increment {sequence.Increment} and next value ≡ {((next % stride.Nodes) + stride.Nodes) % stride.Nodes}"
                    : null;
            var detail = Words(next, highestKey, row.SourceLast, descending, strideProblem, out var passed);
            results.Add(new SequenceVerification(row.Name, next, highestKey, row.SourceLast, passed)
            {
                Descending = descending,
                StrideProblem = strideProblem,
            });

            if (!passed)
            {
                findings.Add(Finding.Of(FindingCatalog.VerificationFailed, row.Name, $"{row.Name}: {detail}."));
                continue;
            }
            BigInteger? reference;
            long margin;
            string basis;
            if (recorded is null)
            {
                reference = descending ? Min(Min(highestKey, row.SourceLast), row.Reference) : Max(Max(highestKey, row.SourceLast), row.Reference);
                margin = row.Margin;
                basis = "this run's plan and the keys just read";
            }
            else if (row.Sequence is { } named && recorded.TryGetValue(named, out var record))
            {
                // The keys as the apply saw them, but the source as it is now: it may have issued more since.
                reference = row.SourceLast is { } now ? (descending ? BigInteger.Min(record.Reference, now) : BigInteger.Max(record.Reference, now)) : record.Reference;
                (margin, basis) = (record.Margin, "the reference recorded by the apply verified, or the source value now");
            }
            else
            {
                continue;
            }
            var lastSet = next - sequence.Increment;
            if (reference is { } r && (descending ? lastSet > r - margin : lastSet < r + margin))
            {
                findings.Add(Finding.Of(FindingCatalog.MarginNotMet, row.Name,
                    $"{row.Name} clears every key, but by less than the margin of {AdvancementPlanner.Format(margin)} (next value {AdvancementPlanner.Format(next)}, reference {AdvancementPlanner.Format(r)}: {basis})."));
            }
        }
        return (results, findings);
    }

    /// <summary>A result's detail (<see cref="SequenceVerification.Detail"/>).</summary>
    public static string Describe(SequenceVerification result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.NextValue is not { } next)
        {
            return "not verified: the sequence could not be resolved in the target";
        }
        return Words(next, result.HighestKey, result.SourceLast, result.Descending, result.StrideProblem, out _);
    }

    /// <summary>The next value against what it must clear, in words; <paramref name="passed"/>: it clears all and keeps its stride.</summary>
    private static string Words(BigInteger next, BigInteger? highestKey, BigInteger? sourceLast, bool descending, string? strideProblem, out bool passed)
    {
        var clears = new List<string>();
        var fails = new List<string>();
        Check(highestKey, "every key", descending, next, clears, fails);
        Check(sourceLast, "the source value", descending, next, clears, fails);
        passed = fails.Count == 0 && strideProblem is null;
        var verb = descending ? "below" : "above";
        return passed
            ? clears.Count == 0
                ? $"next value {AdvancementPlanner.Format(next)}; no keys and no source value to clear"
                : $"next value {AdvancementPlanner.Format(next)} is {verb} {string.Join(" and ", clears)}"
            : fails.Count > 0
                ? $"next value {AdvancementPlanner.Format(next)} is not {verb} {string.Join(" and ", fails)}{strideProblem}"
                : $"next value {AdvancementPlanner.Format(next)}{strideProblem}";
    }

    private static void Check(BigInteger? value, string what, bool descending, BigInteger next, List<string> clears, List<string> fails)
    {
        if (value is not { } v)
        {
            return;
        }
        var ok = descending ? next < v : next > v;
        (ok ? clears : fails).Add($"{what} ({AdvancementPlanner.Format(v)})");
    }

    private static BigInteger? Max(BigInteger? a, BigInteger? b) => a is null ? b : b is null ? a : BigInteger.Max(a.Value, b.Value);

    private static BigInteger? Min(BigInteger? a, BigInteger? b) => a is null ? b : b is null ? a : BigInteger.Min(a.Value, b.Value);
}
