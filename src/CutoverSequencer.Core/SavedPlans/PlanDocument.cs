using System.Text.Json.Serialization;
using CutoverSequencer.Core.Runtime;

namespace CutoverSequencer.Core.SavedPlans;

/// <summary>
/// plan.json (docs/schemas/plan.schema.json): every planned value with the inputs it was derived from, so
/// <c>apply --plan</c> can apply exactly these values or say what changed. Values are JSON integers written
/// exactly, however many digits (Oracle NUMBER holds 28).
/// </summary>
public sealed record PlanDocument
{
    public const string CurrentSchemaVersion = "1.0";

    public const string DocumentKind = "cutover-plan";

    public required string SchemaVersion { get; init; }

    public required ToolInfo Tool { get; init; }

    /// <summary>Always <see cref="DocumentKind"/>: a report or a journal is not a plan.</summary>
    public required string Kind { get; init; }

    /// <summary>The planning clock: rate-aware margins are derived against it, again on apply.</summary>
    public required DateTimeOffset PlannedAt { get; init; }

    /// <summary><c>planned</c>, or <c>blocked</c> (kept for review; apply refuses it).</summary>
    public required string Status { get; init; }

    public required PlanConfigDigest Config { get; init; }

    public required PlanSourceState Source { get; init; }

    public required PlanTargetState Target { get; init; }

    /// <summary>Every inspected entry and its key extreme (largest key; smallest when descending).</summary>
    public required IReadOnlyList<PlanEntryState> Entries { get; init; }

    public required IReadOnlyList<PlanRow> Sequences { get; init; }

    public required IReadOnlyList<PlanFinding> Findings { get; init; }

    [JsonIgnore]
    public bool IsBlocked => Status != Planned;

    public const string Planned = "planned";

    public const string Blocked = "blocked";
}
