using System.Numerics;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// The planner's reading of how the application allocates keys: pooled optimizers (INCREMENT BY must equal the
/// block size), hilo entries and hilo-shaped keys.
/// </summary>
public static partial class AdvancementPlanner
{
    /// <summary>
    /// A pooled optimizer (Hibernate/JPA) hands out INCREMENT BY keys per value: a target increment unlike the
    /// source's breaks it, so a mismatch blocks when either is above 1, unless an entry acknowledges it.
    /// </summary>
    private static Finding IncrementMismatch(SourceSequence source, TargetSequence sequence,
        IReadOnlyList<TableEntry> entries, AdvancementConfig settings)
    {
        var name = sequence.Name.ToString();
        (string, object?)[] arguments = [("source", source.FullName), ("sourceIncrement", source.IncrementBy),
            ("sequence", name), ("increment", sequence.Increment), ("sql", sequence.Name.ToSql())];
        var acknowledgement = entries.FirstOrDefault(e => e.Acknowledged.Contains(FindingCatalog.IncrementMismatch,
            StringComparer.Ordinal));
        if (acknowledgement is not null)
        {
            return Finding.Create(FindingCatalog.IncrementMismatch, "acknowledged", name,
                [.. arguments, ("location", acknowledgement.Location)]) with { Severity = Severity.Warning };
        }
        if (settings.Interleave is not null && BigInteger.Abs(source.IncrementBy) == 1)
        {
            return Finding.Create(FindingCatalog.IncrementMismatch, "interleave", name, arguments)
                with { Severity = Severity.Warning };
        }
        var pooled = BigInteger.Abs(source.IncrementBy) > 1 || Math.Abs(sequence.Increment) > 1;
        var finding = Finding.Create(FindingCatalog.IncrementMismatch, name, arguments);
        return pooled ? finding : finding with { Severity = Severity.Warning };
    }

    /// <summary>The hilo block size the entries state (null: keys are the sequence's values), or why not.</summary>
    private static (long? BlockSize, Finding? Problem) AllocatorOf(TargetSequence sequence,
        IReadOnlyList<TableEntry> entries, AdvancementConfig settings)
    {
        var name = sequence.Name.ToString();
        var stated = entries.Where(e => e.Allocator is not null).ToList();
        var kinds = stated.Select(e => (e.Allocator, e.BlockSize)).Distinct().ToList();
        if (kinds.Count > 1)
        {
            return (null, Finding.Create(FindingCatalog.AllocatorUnsupported, name, ("sequence", name),
                ("entries", stated.Select(e => e.Describe()).ToArray()),
                ("allocators", kinds.Select(k => k.Allocator == KeyAllocator.Hilo
                    ? $"hilo, blockSize {k.BlockSize}" : "sequence").ToArray())));
        }
        if (stated.FirstOrDefault(e => e.Allocator == KeyAllocator.Hilo) is not { BlockSize: { } size } hilo)
        {
            return (null, null);
        }
        if (sequence.Descending)
        {
            return (null, Finding.Create(FindingCatalog.AllocatorUnsupported, "descending", name, ("sequence", name),
                ("increment", sequence.Increment), ("entry", hilo.Location)));
        }
        return settings.Interleave is not null
            ? (null, Finding.Create(FindingCatalog.AllocatorUnsupported, "interleave", name, ("sequence", name),
                ("entry", hilo.Location)))
            : (size, null);
    }

    /// <summary>
    /// HILO_KEYS: keys about k × a used source value (<see cref="Hilo.Suggested"/>). Blocking when the keys a
    /// hilo application would allocate after this plan (next value × k) overflow a key column.
    /// </summary>
    /// <returns>true when the finding blocks.</returns>
    private static bool CheckHiloKeys(PlannedSequence row, IReadOnlyList<TargetEntryState> entries,
        IReadOnlyList<SourceSequence> matches, List<Finding> findings)
    {
        if (row.Descending || row.SourceLast is not { } sourceLast || row.TargetMax is not { } maxKey
            || row.NextValue is not { } next || Hilo.Suggested(sourceLast, maxKey) is not var (k, ratio))
        {
            return false;
        }
        var at = entries.First(e => e.KeyExtreme == maxKey);
        var column = $"{at.Entry.Table}.{Identifier.Display(at.Entry.PkColumn!)}";
        var keys = next * k;
        var source = matches.FirstOrDefault(m => m.LastNumber == sourceLast) ?? matches[0];
        (string, object?)[] arguments = [("column", column), ("maxKey", maxKey), ("ratio", ratio),
            ("sourceLast", sourceLast), ("source", source.FullName), ("blockSize", k), ("sequence", row.Name),
            ("next", next), ("keys", keys)];
        var overflow = row.Columns.FirstOrDefault(c => c.IntegerRange is { } range && keys > range.Max);
        if (overflow is null)
        {
            findings.Add(Finding.Create(FindingCatalog.HiloKeys, row.Name, arguments));
            return false;
        }
        findings.Add(Finding.Create(FindingCatalog.HiloKeys, "overflow", row.Name,
            [.. arguments, ("type", overflow.DataType), ("limit", overflow.IntegerRange!.Value.Max)])
            with { Severity = Severity.Blocking });
        return true;
    }
}
