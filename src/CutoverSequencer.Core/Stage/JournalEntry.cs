using System.Text.Json.Serialization;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Sequences;

namespace CutoverSequencer.Core.Stage;

/// <summary>One journaled sequence: its pre-apply position, the plan for it and how far apply got.</summary>
public sealed record JournalEntry(
    string Schema,
    string Name,
    string Sequence,
    JournalPosition Before,
    JournalPlan Planned,
    string State)
{
    public const string Pending = "pending";
    public const string Set = "set";
    public const string Restored = "restored";

    [JsonIgnore]
    public QualifiedName QualifiedName => new(Schema, Name);

    /// <summary>
    /// Whether a sequence whose next value is <paramref name="next"/> has reached this entry's planned next value.
    /// </summary>
    public bool PlannedReachedBy(System.Numerics.BigInteger next) =>
        SequenceMath.Reached(next, Planned.NextValue, Planned.Increment < 0);
}
