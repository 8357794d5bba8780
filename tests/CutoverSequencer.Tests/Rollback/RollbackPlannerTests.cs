using CutoverSequencer.Core.Sequences;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Rollback;
using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Tests.Rollback;

/// <summary>What rollback decides per sequence from the journal and the positions read now.</summary>
public sealed class RollbackPlannerTests
{
    // Before: never called, at 1. Planned: setval 1100, next 1101.
    private static readonly JournalEntry Entry =
        new("public", "s1", "public.s1", new JournalPosition(1, false, 1), new JournalPlan(1100, 1101, 1), JournalEntry.Set);

    private static RollbackDecision Decide(SequenceReading? now) =>
        RollbackPlanner.Decide([Entry], now is null
            ? new Dictionary<QualifiedName, SequenceReading>()
            : new Dictionary<QualifiedName, SequenceReading> { [Entry.QualifiedName] = now })[0];

    [Fact]
    public void A_sequence_at_the_planned_position_is_restored()
    {
        var decision = Decide(new SequenceReading(1100, true, 1));
        Assert.Equal(RollbackAction.Restore, decision.Action);
        Assert.False(decision.Blocks);
        Assert.Equal(RollbackResultKind.Restored, RollbackPlanner.Result(decision, refused: false));
        Assert.Equal(RollbackResultKind.WouldRestore, RollbackPlanner.Result(decision, refused: true));
    }

    [Fact]
    public void A_sequence_at_its_pre_apply_state_is_left_unchanged_and_writes_nothing()
    {
        var decision = Decide(new SequenceReading(1, false, 1));
        Assert.Equal(RollbackAction.Unchanged, decision.Action);
        Assert.False(RollbackPlanner.Writes(decision));
        Assert.Equal("unchanged", new RollbackOutcome(decision, RollbackPlanner.Result(decision, false), null).Action);
    }

    [Fact]
    public void A_sequence_that_moved_since_apply_makes_the_rollback_refuse_unless_forced()
    {
        var decision = Decide(new SequenceReading(1105, true, 1));
        Assert.Equal(RollbackAction.Moved, decision.Action);
        Assert.True(RollbackPlanner.Refuses([decision], force: false));
        Assert.False(RollbackPlanner.Refuses([decision], force: true));
        Assert.Equal("restored (forced)", new RollbackOutcome(decision, RollbackPlanner.Result(decision, false), null).Action);
        Assert.Equal("moved", new RollbackOutcome(decision, RollbackPlanner.Result(decision, true), null).Action);
    }

    [Fact]
    public void A_changed_increment_is_not_the_planned_position()
    {
        Assert.Equal(RollbackAction.Moved, Decide(new SequenceReading(1099, true, 2)).Action);
    }

    [Fact]
    public void A_sequence_that_no_longer_exists_is_missing_and_blocks()
    {
        var decision = Decide(null);
        Assert.Equal(RollbackAction.Missing, decision.Action);
        Assert.True(decision.Blocks);
        var outcome = new RollbackOutcome(decision, RollbackPlanner.Result(decision, true), null);
        Assert.Equal(("missing", "the sequence no longer exists"), (outcome.Action, outcome.Detail));
    }

    [Fact]
    public void The_detail_names_the_positions_now_planned_and_before()
    {
        var decision = Decide(new SequenceReading(1100, true, 1));
        Assert.Equal("now last_value 1100, is_called True, increment 1; planned next 1101; before last_value 1, is_called False, increment 1",
            new RollbackOutcome(decision, RollbackResultKind.Restored, null).Detail);
    }
}
