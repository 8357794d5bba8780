using System.Numerics;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// The decision for one sequence. <see cref="NewValue"/> is what <c>setval(seq, NewValue, true)</c>
/// sets; <see cref="NextValue"/> is what the next nextval returns. <see cref="RequiredNext"/> is the
/// next value the formula asks for, before the rule that a sequence never moves backwards.
/// </summary>
public sealed record PlannedSequence
{
    public required string Name { get; init; }

    public required QualifiedName? Sequence { get; init; }

    public required IReadOnlyList<TableEntry> Entries { get; init; }

    public required IReadOnlyList<TargetColumn> Columns { get; init; }

    public string? SourceName { get; init; }

    public BigInteger? SourceLast { get; init; }

    public BigInteger? TargetMax { get; init; }

    public required long Margin { get; init; }

    public BigInteger? NewValue { get; init; }

    public BigInteger? NextValue { get; init; }

    public required PlanAction Action { get; init; }

    public TargetSequence? Current { get; init; }

    public BigInteger? RequiredNext { get; init; }

    /// <summary>The target objects could not be resolved, so nothing was derived.</summary>
    public bool Unresolved { get; init; }

    /// <summary>
    /// How the values were derived: the steps of the arithmetic that produced them, run again from the
    /// row's inputs on each call, so the steps cannot drift from the values. Not held: at many thousand
    /// rows the steps add up.
    /// </summary>
    public Derivation Derivation => SequenceArithmetic.Derive(this);

    /// <summary>Multi-master: the stride the values were derived for (null: the plain formula).</summary>
    public Interleave? Stride { get; init; }

    /// <summary>Interleave: the increment the sequence is changed to (null: keep its increment).</summary>
    public long? NewIncrement { get; init; }

    /// <summary>
    /// Hilo: the keys each sequence value opens (null: keys are the sequence's values). <see cref="TargetMax"/>
    /// and <see cref="Margin"/> stay in keys; <see cref="Reference"/> is in sequence values.
    /// </summary>
    public long? BlockSize { get; init; }

    /// <summary>Hilo: the lowest key the block of the next value can hold (<see cref="Hilo.FirstKey"/>).</summary>
    public BigInteger? FirstKey => BlockSize is { } k && NextValue is { } next ? Hilo.FirstKey(next, k) : null;

    /// <summary>Hilo: the highest key the block of the next value can hold (<see cref="Hilo.LastKey"/>).</summary>
    public BigInteger? LastKey => BlockSize is { } k && NextValue is { } next ? Hilo.LastKey(next, k) : null;

    /// <summary>How far the key can still go after the plan (<see cref="KeyHeadroom.Of"/>).</summary>
    public KeyHeadroom? Headroom => KeyHeadroom.Of(this);

    /// <summary>The rate-aware margin's derivation, when a catch-up window and a rate are known.</summary>
    public RateMargin? Rate { get; init; }

    /// <summary>Time spent reading the key extremes of the tables this sequence feeds.</summary>
    public TimeSpan? ScanTime { get; init; }

    public bool Descending => Current?.Descending ?? false;

    /// <summary>
    /// apply --plan: the source value this run read (<see cref="SourceLast"/> is the saved plan's reading, from
    /// which the values come). Null otherwise.
    /// </summary>
    public BigInteger? SourceNow { get; init; }

    /// <summary>
    /// How far the source is known to have issued: <see cref="SourceLast"/>, or the further of it and
    /// <see cref="SourceNow"/>. Verification and the operations brief judge against this.
    /// </summary>
    public BigInteger? SourceHighWater => (SourceLast, SourceNow) switch
    {
        ({ } then, { } now) => Descending ? BigInteger.Min(then, now) : BigInteger.Max(then, now),
        (var then, var now) => then ?? now,
    };

    /// <summary>
    /// The highest value in use (lowest when descending): the source value or the largest key (with hilo,
    /// the block of the largest key).
    /// </summary>
    public BigInteger? Reference => (SourceLast, BlockSize is { } k && TargetMax is { } max
        ? Hilo.CeilingDivide(max, k) : TargetMax) switch
    {
        (null, null) => null,
        ({ } s, null) => s,
        (null, { } t) => t,
        ({ } s, { } t) => Descending ? BigInteger.Min(s, t) : BigInteger.Max(s, t),
    };

    /// <summary>
    /// The values between the last loaded key and the next value (<see cref="SequenceGap.Between"/>). With
    /// hilo, in keys: up to the first key of the next value's block, the source's keys bounded by source
    /// value × block size.
    /// </summary>
    public SequenceGap? Gap => BlockSize is { } k
        ? SequenceGap.Between(TargetMax, SourceLast * k, FirstKey, Descending)
        : SequenceGap.Between(TargetMax, SourceLast, NextValue, Descending);

    public TableEntry? FirstTableEntry => Entries.FirstOrDefault(e => e.Table is not null);
}
