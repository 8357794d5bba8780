using CutoverSequencer.Core.Sequences;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Core.Rollback;

/// <summary>Decides, from the journal and the positions read now, what rollback does for each sequence.</summary>
public static class RollbackPlanner
{
    /// <summary>One decision per journal entry, in journal order.</summary>
    public static IReadOnlyList<RollbackDecision> Decide(IReadOnlyList<JournalEntry> entries,
        IReadOnlyDictionary<QualifiedName, SequenceReading> positions)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(positions);
        return [.. entries.Select(entry => positions.TryGetValue(entry.QualifiedName, out var now)
            ? new RollbackDecision(entry, now, Action(entry, now))
            : new RollbackDecision(entry, null, RollbackAction.Missing))];
    }

    /// <summary>
    /// A sequence that moved since apply, or is missing, makes the whole rollback refuse, writing
    /// nothing, unless forced.
    /// </summary>
    public static bool Refuses(IReadOnlyList<RollbackDecision> decisions, bool force) =>
        !force && decisions.Any(d => d.Blocks);

    /// <summary>What was done for a decision, when the rollback wrote (restored or left it) or refused.</summary>
    public static RollbackResultKind Result(RollbackDecision decision, bool refused) => decision.Action switch
    {
        RollbackAction.Missing => RollbackResultKind.Missing,
        RollbackAction.Unchanged => RollbackResultKind.Unchanged,
        RollbackAction.Restore => refused ? RollbackResultKind.WouldRestore : RollbackResultKind.Restored,
        _ => refused ? RollbackResultKind.Moved : RollbackResultKind.RestoredForced,
    };

    /// <summary>Whether the decision writes when the rollback goes ahead.</summary>
    public static bool Writes(RollbackDecision decision) =>
        decision.Action is RollbackAction.Restore or RollbackAction.Moved;

    private static RollbackAction Action(JournalEntry entry, SequenceReading now)
    {
        var atBefore = now.LastValue == entry.Before.LastValue && now.IsCalled == entry.Before.IsCalled
            && now.Increment == entry.Before.Increment;
        var atPlanned = now.NextValue == entry.Planned.NextValue && now.Increment == entry.Planned.Increment;
        return atBefore ? RollbackAction.Unchanged : atPlanned ? RollbackAction.Restore : RollbackAction.Moved;
    }
}
