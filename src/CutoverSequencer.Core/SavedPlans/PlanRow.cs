using System.Numerics;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.SavedPlans;

/// <summary>
/// One planned sequence: its definition and position when planned, the inputs (source value, key extreme,
/// reference, margin) and the values apply sets.
/// </summary>
public sealed record PlanRow
{
    public required string Name { get; init; }

    /// <summary>schema.name of the target sequence (null: not resolved, the row is blocked).</summary>
    public required string? Sequence { get; init; }

    /// <summary>advance, unchanged or blocked.</summary>
    public required PlanAction Action { get; init; }

    public required PlanDefinition? Definition { get; init; }

    public required PlanPosition? Position { get; init; }

    public required IReadOnlyList<string> Tables { get; init; }

    public required string? SourceName { get; init; }

    public required BigInteger? SourceLast { get; init; }

    public required BigInteger? TargetMax { get; init; }

    /// <summary>MAX(source value, keys) (MIN descending); with hilo in sequence values (blocks).</summary>
    public required BigInteger? Reference { get; init; }

    public required long Margin { get; init; }

    /// <summary>Hilo: keys per sequence value (null: keys are the sequence's values).</summary>
    public required long? BlockSize { get; init; }

    /// <summary>setval(sequence, newValue, true).</summary>
    public required BigInteger? NewValue { get; init; }

    public required BigInteger? NextValue { get; init; }

    /// <summary>Multi-master: the increment the sequence is changed to (null: kept).</summary>
    public required long? NewIncrement { get; init; }
}
