using System.Numerics;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Wording;

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
        AdvancementPlan plan, TargetSnapshot reading,
        IReadOnlyDictionary<QualifiedName, (BigInteger Reference, long Margin)>? recorded = null)
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
                results.Add(new SequenceVerification(row.Name, null, null, row.SourceHighWater, false));
                findings.Add(Finding.Create(FindingCatalog.VerificationFailed, "not read", row.Name, ("sequence",
                    row.Name)));
                continue;
            }

            var sequence = entries[0].Sequence!;
            // A key the read-back could not read (timeout, NaN, non-numeric text) is not "no keys": unproven.
            if (entries.FirstOrDefault(e => e.KeyFailure is not null) is { } unreadable)
            {
                var failure = unreadable.KeyFailure!;
                results.Add(new SequenceVerification(row.Name, null, null, row.SourceHighWater, false));
                findings.Add(failure.Finding);
                findings.Add(Finding.Create(FindingCatalog.VerificationFailed, "keys unreadable", row.Name,
                    ("sequence", row.Name), ("keys", failure.Object)));
                continue;
            }
            var descending = sequence.Descending;
            var next = sequence.NextValue;
            BigInteger? highestKey = null;
            foreach (var key in entries.Where(e => e.KeyExtreme is not null).Select(e => e.KeyExtreme!.Value))
            {
                highestKey = highestKey is { } h ? (descending ? BigInteger.Min(h, key) : BigInteger.Max(h, key)) : key;
            }

            var stride = plan.Interleave is { } interleave && !descending ? Miss(sequence, interleave) : null;
            var verdict = Judge(next, highestKey, row.SourceHighWater, descending, stride, row.BlockSize);
            results.Add(new SequenceVerification(row.Name, next, highestKey, row.SourceHighWater, verdict.Passed)
            {
                Descending = descending,
                Stride = stride,
                BlockSize = row.BlockSize,
            });

            if (!verdict.Passed)
            {
                findings.Add(Finding.Create(FindingCatalog.VerificationFailed, row.Name,
                    ("sequence", row.Name), ("verdict", VerificationWording.Describe(verdict))));
                continue;
            }
            BigInteger? reference;
            long margin;
            string? basis;
            // Hilo: the reference and the margin in sequence values (the plan's Reference already is).
            var keyBlock = row.BlockSize is { } k && highestKey is { } max ? Hilo.CeilingDivide(max, k) : highestKey;
            if (recorded is null)
            {
                reference = descending
                    ? Min(Min(keyBlock, row.SourceHighWater), row.Reference)
                    : Max(Max(keyBlock, row.SourceHighWater), row.Reference);
                (margin, basis) = (row.Margin, null);
            }
            else if (row.Sequence is { } named && recorded.TryGetValue(named, out var record))
            {
                // The keys as the apply saw them, but the source as it is now: it may have issued more since.
                reference = row.SourceHighWater is { } now
                    ? (descending ? BigInteger.Min(record.Reference, now) : BigInteger.Max(record.Reference, now))
                    : record.Reference;
                (margin, basis) = (record.Margin, "recorded");
            }
            else
            {
                continue;
            }
            var lastSet = next - sequence.Increment;
            var marginValues = row.BlockSize is { } size ? Hilo.CeilingDivide(margin, size) : margin;
            if (reference is { } r && (descending ? lastSet > r - marginValues : lastSet < r + marginValues))
            {
                findings.Add(Finding.Create(FindingCatalog.MarginNotMet, basis, row.Name,
                    ("sequence", row.Name), ("margin", margin), ("next", next), ("reference", r)));
            }
        }
        return (results, findings);
    }

    /// <summary>The next value against the key extreme, the source value and the stride.</summary>
    public static VerificationVerdict Judge(BigInteger? next, BigInteger? highestKey, BigInteger? sourceLast,
        bool descending, StrideMiss? stride, long? blockSize = null) =>
        VerificationVerdict.Of(next, highestKey, sourceLast, descending, stride, blockSize);

    /// <summary>How a sequence read back misses the node's stream (null: it steps on it).</summary>
    private static StrideMiss? Miss(TargetSequence sequence, Interleave stride)
    {
        var residue = Sequences.SequenceGrid.Residue(sequence.NextValue, stride.Nodes);
        return sequence.Increment != stride.Nodes || residue != stride.Residue
            ? new StrideMiss(stride.Nodes, stride.Residue, sequence.Increment, residue)
            : null;
    }

    private static BigInteger? Max(BigInteger? a, BigInteger? b) =>
        a is null ? b : b is null ? a : BigInteger.Max(a.Value, b.Value);

    private static BigInteger? Min(BigInteger? a, BigInteger? b) =>
        a is null ? b : b is null ? a : BigInteger.Min(a.Value, b.Value);
}
