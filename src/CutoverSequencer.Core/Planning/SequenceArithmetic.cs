using System.Numerics;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Sequences;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// The value arithmetic of a plan row: the plain formula and the multi-master stride, each returning
/// the row's values with the steps that produced them. In <see cref="BigInteger"/>, so no intermediate
/// can overflow.
/// </summary>
internal static class SequenceArithmetic
{
    /// <summary>The steps that produced a planned row's values, from the row's own inputs.</summary>
    internal static Derivation Derive(PlannedSequence row)
    {
        if (row.Unresolved)
        {
            return new Derivation([new UnresolvedStep()]);
        }
        if (row.Current is not { } sequence)
        {
            return new Derivation([]);
        }
        var (_, steps) = row.Stride is { } stride
            ? DecideInterleaved(sequence, row.SourceLast, row.TargetMax, row.Margin, stride)
            : row.BlockSize is { } blockSize
                ? DecideHilo(sequence, row.SourceLast, row.TargetMax, row.Margin, blockSize)
                : Decide(sequence, row.SourceLast, row.TargetMax, row.Margin);
        return new Derivation(steps) { Rate = row.Rate };
    }

    /// <summary>The plain formula: reference ± margin, onto the step grid, never backwards.</summary>
    internal static (PlannedSequence Row, IReadOnlyList<DerivationStep> Steps) Decide(TargetSequence sequence,
        BigInteger? sourceLast, BigInteger? targetExtreme, long margin)
    {
        var descending = sequence.Descending;
        var current = sequence.NextValue;
        var baseRow = BaseRow(sequence, sourceLast, targetExtreme, margin);

        if (baseRow.Reference is not { } reference)
        {
            return (baseRow with
            {
                NewValue = current - sequence.Increment,
                NextValue = current,
            }, [new NoReferenceStep(current)]);
        }

        var wanted = descending ? reference - margin : reference + margin;
        var steps = new List<DerivationStep>(3)
        {
            new ReferenceStep(sourceLast, targetExtreme, reference, descending, margin, wanted),
        };
        var onGrid = OntoGrid(wanted, sequence.LastValue, sequence.Increment);
        if (onGrid != wanted)
        {
            steps.Add(new GridStep(sequence.Increment, sequence.LastValue, onGrid));
        }

        var next = onGrid + sequence.Increment;
        var alreadyBeyond = descending ? next >= current : next <= current;
        if (alreadyBeyond)
        {
            steps.Add(new AlreadyBeyondStep(current));
            return (baseRow with
            {
                NewValue = current - sequence.Increment,
                NextValue = current,
                RequiredNext = next,
            }, steps);
        }
        steps.Add(new SetStep(onGrid, next));
        return (baseRow with
        {
            NewValue = onGrid,
            NextValue = next,
            Action = PlanAction.Advance,
            RequiredNext = next,
        }, steps);
    }

    /// <summary>
    /// A hilo allocator of <paramref name="blockSize"/> keys per value: the plain formula in sequence values,
    /// the keys counted as ⌈max key / k⌉ and the margin as ⌈margin / k⌉, so the next value is
    /// ⌈max key / k⌉ + 1 + ⌈margin / k⌉ (or past the source value, on the grid, never backwards) and its
    /// block starts above max key + margin. The row keeps the keys and the margin in keys.
    /// </summary>
    internal static (PlannedSequence Row, IReadOnlyList<DerivationStep> Steps) DecideHilo(TargetSequence sequence,
        BigInteger? sourceLast, BigInteger? targetExtreme, long margin, long blockSize)
    {
        BigInteger? keyBlock = targetExtreme is { } max ? Hilo.CeilingDivide(max, blockSize) : null;
        var marginBlocks = (long)Hilo.CeilingDivide(margin, blockSize);
        var (row, plain) = Decide(sequence, sourceLast, keyBlock, marginBlocks);
        var steps = new List<DerivationStep>(plain.Count + 2)
        {
            new HiloStep(blockSize, targetExtreme, keyBlock, margin, marginBlocks),
        };
        steps.AddRange(plain.Select(s => s is ReferenceStep reference ? reference with { Blocks = true } : s));
        if (row.NextValue is { } next)
        {
            steps.Add(new HiloKeysStep(next, blockSize, Hilo.FirstKey(next, blockSize),
                Hilo.LastKey(next, blockSize)));
        }
        return (row with { TargetMax = targetExtreme, Margin = margin, BlockSize = blockSize }, steps);
    }

    /// <summary>
    /// Multi-master (seed 003): the sequence steps by the node count and its next value is the
    /// smallest value congruent to the node's residue that is above every key, the source value and
    /// the margin, and not below where the sequence already is. A fresh database starts exactly at k.
    /// </summary>
    internal static (PlannedSequence Row, IReadOnlyList<DerivationStep> Steps) DecideInterleaved(
        TargetSequence sequence, BigInteger? sourceLast, BigInteger? targetExtreme, long margin, Interleave stride)
    {
        var current = sequence.NextValue;
        var baseRow = BaseRow(sequence, sourceLast, targetExtreme, margin);
        var reference = baseRow.Reference;
        var required = reference is { } r ? r + margin + 1 : (BigInteger)sequence.MinValue;
        var requiredNext = OntoResidue(BigInteger.Max(required, sequence.MinValue), stride);
        var onStream = sequence.Increment == stride.Nodes
            && SequenceGrid.IsOnResidue(current, stride.Residue, stride.Nodes);
        if (onStream && current >= requiredNext)
        {
            var unchanged = new StrideStep(stride, reference, margin, sequence.MinValue, current, current, false, true);
            return (baseRow with
            {
                NewValue = current - sequence.Increment,
                NextValue = current,
                RequiredNext = requiredNext,
            }, [unchanged]);
        }
        var next = OntoResidue(BigInteger.Max(required, BigInteger.Max(current, sequence.MinValue)), stride);
        var step = new StrideStep(stride, reference, margin, sequence.MinValue, current, next, current > required,
            false);
        return (baseRow with
        {
            NewValue = next - stride.Nodes,
            NextValue = next,
            RequiredNext = requiredNext,
            Action = PlanAction.Advance,
            NewIncrement = stride.Nodes,
        }, [step]);
    }

    private static PlannedSequence BaseRow(TargetSequence sequence, BigInteger? sourceLast, BigInteger? targetExtreme,
        long margin) => new()
        {
            Name = sequence.Name.ToString(),
            Sequence = sequence.Name,
            Entries = [],
            Columns = [],
            SourceLast = sourceLast,
            TargetMax = targetExtreme,
            Margin = margin,
            Action = PlanAction.Unchanged,
            Current = sequence,
        };

    private static BigInteger OntoResidue(BigInteger floor, Interleave stride) =>
        SequenceGrid.NextOnGrid(floor, stride.Residue, stride.Nodes);

    /// <summary>
    /// The first value at or beyond <paramref name="value"/> (in the sequence's direction) that the
    /// sequence can issue: same residue as its current value modulo the increment, so an odd
    /// sequence stays odd.
    /// </summary>
    internal static BigInteger OntoGrid(BigInteger value, BigInteger anchor, long increment)
    {
        var step = BigInteger.Abs(increment);
        if (step <= 1)
        {
            return value;
        }
        var offset = ((value - anchor) % step + step) % step;
        if (offset == 0)
        {
            return value;
        }
        return increment > 0 ? value + (step - offset) : value - offset;
    }
}
