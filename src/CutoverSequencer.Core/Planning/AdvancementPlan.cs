using System.Numerics;
using System.Text.Json.Serialization;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Planning;

[JsonConverter(typeof(JsonStringEnumConverter<PlanAction>))]
public enum PlanAction
{
    [JsonStringEnumMemberName("advance")]
    Advance,

    [JsonStringEnumMemberName("unchanged")]
    Unchanged,

    [JsonStringEnumMemberName("blocked")]
    Blocked,
}

/// <summary>
/// The decision for one sequence. <see cref="NewValue"/> is what <c>setval(seq, NewValue, true)</c>
/// sets; <see cref="NextValue"/> is what the next nextval returns. <see cref="RequiredNext"/> is the
/// next value the formula asks for, before the rule that a sequence never moves backwards.
/// </summary>
public sealed record PlannedSequence(
    string Name,
    QualifiedName? Sequence,
    IReadOnlyList<TableEntry> Entries,
    IReadOnlyList<TargetColumn> Columns,
    string? SourceName,
    BigInteger? SourceLast,
    BigInteger? TargetMax,
    long Margin,
    BigInteger? NewValue,
    BigInteger? NextValue,
    PlanAction Action,
    TargetSequence? Current,
    string? Reason,
    BigInteger? RequiredNext = null)
{
    /// <summary>Multi-master: the stride the values were derived for (null: the plain formula).</summary>
    public Interleave? Stride { get; init; }

    /// <summary>
    /// How the values were derived, in words: the planner's <see cref="Reason"/> when it gave one (rows
    /// it could not plan), otherwise spelled from the row's own inputs by the same arithmetic that
    /// produced its values, so the words cannot drift from the numbers. Spelled on each call rather than
    /// held: at many thousand rows the texts alone are megabytes.
    /// </summary>
    public string Derivation => Reason ?? AdvancementPlanner.Explain(this);

    /// <summary>Interleave: the increment the sequence is changed to (null: keep its increment).</summary>
    public long? NewIncrement { get; init; }

    /// <summary>The rate-aware margin's derivation, when a catch-up window and a rate are known.</summary>
    public RateMargin? Rate { get; init; }

    /// <summary>Time spent reading the key extremes of the tables this sequence feeds.</summary>
    public TimeSpan? ScanTime { get; init; }

    public bool Descending => Current?.Descending ?? false;

    /// <summary>The highest value in use (lowest when descending): the source value or the largest key.</summary>
    public BigInteger? Reference => (SourceLast, TargetMax) switch
    {
        (null, null) => null,
        ({ } s, null) => s,
        (null, { } t) => t,
        ({ } s, { } t) => Descending ? BigInteger.Min(s, t) : BigInteger.Max(s, t),
    };

    /// <summary>The values between the last loaded key and the next value (<see cref="SequenceGap.Between"/>).</summary>
    public SequenceGap? Gap => SequenceGap.Between(TargetMax, SourceLast, NextValue, Descending);

    public TableEntry? FirstTableEntry => Entries.FirstOrDefault(e => e.Table is not null);
}

/// <summary>
/// The values after the last loaded key (before it, descending) that PostgreSQL will not issue: from
/// <see cref="First"/> to <see cref="Last"/>. The part up to the source high-water mark
/// (<see cref="CatchUp"/>) may still arrive from the source during CDC catch-up; the rest
/// (<see cref="Margin"/>) is never used by anyone.
/// </summary>
public sealed record SequenceGap(BigInteger First, BigInteger Last, BigInteger Size)
{
    /// <summary>After the last loaded key, up to the source high-water mark: the source may still deliver these.</summary>
    public GapPart? CatchUp { get; init; }

    /// <summary>Past every key and the source value, short of the next value: never issued.</summary>
    public GapPart? Margin { get; init; }

    /// <summary>
    /// The gap between the keys, the source value and the next value. It starts after the last loaded
    /// key (after the source value when no key is loaded) and ends before the next value; null when
    /// there are no values in between or nothing to start from.
    /// </summary>
    public static SequenceGap? Between(BigInteger? lastKey, BigInteger? sourceLast, BigInteger? next, bool descending)
    {
        if (next is not { } n || (lastKey ?? sourceLast) is not { } from)
        {
            return null;
        }
        var step = descending ? BigInteger.MinusOne : BigInteger.One;
        var first = from + step;
        var last = n - step;
        if ((last - first) * step < 0)
        {
            return null;
        }
        // The source high-water mark splits the gap when it lies inside it.
        var reference = lastKey is { } k && sourceLast is { } s ? (descending ? BigInteger.Min(k, s) : BigInteger.Max(k, s)) : from;
        var split = BigInteger.Clamp(reference, BigInteger.Min(first - step, last), BigInteger.Max(first - step, last));
        return new SequenceGap(first, last, BigInteger.Abs(last - first) + 1)
        {
            CatchUp = GapPart.Of(first, split, step),
            Margin = GapPart.Of(split + step, last, step),
        };
    }
}

/// <summary>A run of consecutive values, <see cref="First"/> to <see cref="Last"/> in the sequence's direction.</summary>
public sealed record GapPart(BigInteger First, BigInteger Last, BigInteger Size)
{
    internal static GapPart? Of(BigInteger first, BigInteger last, BigInteger step) =>
        (last - first) * step < 0 ? null : new GapPart(first, last, BigInteger.Abs(last - first) + 1);
}

/// <summary>The whole plan: one decision per sequence, and the findings that explain it.</summary>
public sealed record AdvancementPlan(
    IReadOnlyList<PlannedSequence> Sequences,
    IReadOnlyList<Finding> Findings,
    bool Enabled)
{
    public Interleave? Interleave { get; init; }

    public bool IsBlocked => Findings.Any(f => f.Severity == Severity.Blocking);

    public IEnumerable<PlannedSequence> ToAdvance => Sequences.Where(s => s.Action == PlanAction.Advance);
}
