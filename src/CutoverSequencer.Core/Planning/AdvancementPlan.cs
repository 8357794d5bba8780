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

    /// <summary>The values between the reference and the next value that will not be issued.</summary>
    public SequenceGap? Gap
    {
        get
        {
            if (Reference is not { } reference || NextValue is not { } next)
            {
                return null;
            }
            var size = BigInteger.Abs(next - reference) - 1;
            if (size <= 0)
            {
                return null;
            }
            var step = Descending ? -1 : 1;
            return new SequenceGap(reference + step, next - step, size);
        }
    }

    public TableEntry? FirstTableEntry => Entries.FirstOrDefault(e => e.Table is not null);
}

public sealed record SequenceGap(BigInteger First, BigInteger Last, BigInteger Size);

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
