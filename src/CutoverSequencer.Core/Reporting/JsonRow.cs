using System.Text.Json.Serialization;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Reporting;

internal sealed record JsonRow
{
    public required string Sequence { get; init; }

    public required string? Table { get; init; }

    public required string? Column { get; init; }

    public required List<string> Tables { get; init; }

    public required string? Origin { get; init; }

    public required string? SourceSequence { get; init; }

    public required long? SourceLast { get; init; }

    public required long? TargetMax { get; init; }

    /// <summary>apply --plan: the source value this run read (sourceLast is the plan's reading); absent otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? SourceNow { get; init; }

    public required long Margin { get; init; }

    public required long? NewValue { get; init; }

    public required long? NextValue { get; init; }

    public required long? RequiredNextValue { get; init; }

    public required PlanAction Action { get; init; }

    public required long? Increment { get; init; }

    public required long? NewIncrement { get; init; }

    public required JsonRate? Rate { get; init; }

    /// <summary>How far the key can still go after the plan (null when blocked or without a next value).</summary>
    public required JsonHeadroom? Headroom { get; init; }

    /// <summary>Hilo entries only (null otherwise): added after the first schema, so readers may ignore it.</summary>
    public required JsonHilo? Hilo { get; init; }

    public required JsonPrevious? Previous { get; init; }

    public required JsonGap? ExpectedGap { get; init; }

    public required string Derivation { get; init; }

    public required long? ScanMilliseconds { get; init; }

    public required bool Set { get; init; }

    public required bool? Verified { get; init; }

    public required string? Verification { get; init; }
}
