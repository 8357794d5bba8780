namespace CutoverSequencer.Core.Stage;

/// <summary>What apply planned for a sequence: setval value, next value and increment.</summary>
public sealed record JournalPlan(long NewValue, long NextValue, long Increment)
{
    /// <summary>
    /// MAX(source value, keys) the plan started from (null: none, or a journal from before it was recorded).
    /// </summary>
    public long? Reference { get; init; }

    /// <summary>The margin the plan added to <see cref="Reference"/>.</summary>
    public long? Margin { get; init; }
}
