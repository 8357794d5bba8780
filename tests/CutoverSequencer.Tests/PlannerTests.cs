using System.Numerics;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Wording;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

public class PlannerTests
{
    private static AdvancementPlan PlanOne(CutoverSequencer.Core.Model.TargetEntryState state, long margin = 10_000, params CutoverSequencer.Core.Model.SourceSequence[] source) =>
        AdvancementPlanner.Plan(Settings(margin, true, state.Entry), Source(source), Target(state));

    [Fact]
    public void Sets_the_five_sequences_of_the_seed_financial_example_exactly()
    {
        var (settings, source, target) = FinancialSchema();

        var plan = AdvancementPlanner.Plan(settings, source, target);

        Assert.Equal(
            new BigInteger[] { 857331, 24901044, 6112887, 78450321, 14421 },
            plan.Sequences.Select(s => s.NewValue!.Value));
        Assert.All(plan.Sequences, s => Assert.Equal(PlanAction.Advance, s.Action));
        Assert.All(plan.Sequences, s => Assert.Equal(s.NewValue + 1, s.NextValue));
        Assert.False(plan.IsBlocked);
        Assert.Empty(plan.Findings);
    }

    [Fact]
    public void Uses_the_target_max_when_it_is_above_the_source_value()
    {
        var entry = Entry("account", "account_id", "account_seq");
        var plan = PlanOne(State(entry, Sequence("account_seq"), 900_000), 1_000, OracleSeq("ACCOUNT_SEQ", 847_331));

        Assert.Equal(901_000, plan.Sequences[0].NewValue);
        Assert.Equal(901_001, plan.Sequences[0].NextValue);
    }

    [Fact]
    public void A_per_table_margin_overrides_the_global_one()
    {
        var entry = Entry("account", "account_id", "account_seq", margin: 50_000);
        var plan = PlanOne(State(entry, Sequence("account_seq"), 847_290), 10_000, OracleSeq("ACCOUNT_SEQ", 847_331));

        Assert.Equal(897_331, plan.Sequences[0].NewValue);
        Assert.Equal(50_000, plan.Sequences[0].Margin);
    }

    [Fact]
    public void An_odd_sequence_stepping_by_two_stays_odd()
    {
        var entry = Entry("orders", "order_id", "orders_seq");
        var sequence = Sequence("orders_seq", lastValue: 1, isCalled: false, increment: 2);

        var plan = PlanOne(State(entry, sequence, 1_000), 10_000);

        var row = plan.Sequences[0];
        Assert.Equal(11_001, row.NewValue);
        Assert.Equal(11_003, row.NextValue);
        Assert.True(row.NextValue!.Value % 2 == 1);
        Assert.Contains("step grid", DerivationWording.Describe(row), StringComparison.Ordinal);
    }

    [Fact]
    public void A_descending_sequence_goes_below_the_lowest_key_and_source_value()
    {
        var entry = Entry("refund", "refund_id", "refund_seq");
        var sequence = Sequence("refund_seq", lastValue: -1, isCalled: false, increment: -1);

        var plan = PlanOne(State(entry, sequence, -5_000), 1_000, OracleSeq("REFUND_SEQ", -5_200, increment: -1));

        var row = plan.Sequences[0];
        Assert.Equal(PlanAction.Advance, row.Action);
        Assert.Equal(-6_200, row.NewValue);
        Assert.Equal(-6_201, row.NextValue);
    }

    [Fact]
    public void Never_moves_a_sequence_backwards()
    {
        var entry = Entry("account", "account_id", "account_seq");
        var sequence = Sequence("account_seq", lastValue: 2_000_000, isCalled: true);

        var plan = PlanOne(State(entry, sequence, 847_290), 10_000, OracleSeq("ACCOUNT_SEQ", 847_331));

        var row = plan.Sequences[0];
        Assert.Equal(PlanAction.Unchanged, row.Action);
        Assert.Equal(2_000_000, row.NewValue);
        Assert.Equal(2_000_001, row.NextValue);
        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.TargetAlreadyAhead && f.Severity == Severity.Info);
    }

    [Fact]
    public void An_empty_table_uses_the_source_value_alone()
    {
        var entry = Entry("account", "account_id", "account_seq");

        var plan = PlanOne(State(entry, Sequence("account_seq"), null), 10_000, OracleSeq("ACCOUNT_SEQ", 500));

        Assert.Equal(10_500, plan.Sequences[0].NewValue);
        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.EmptyTable);
    }

    [Fact]
    public void A_sequence_listed_without_a_table_uses_the_source_value_alone()
    {
        var entry = Entry(null, null, "order_number_seq");

        var plan = PlanOne(State(entry, Sequence("order_number_seq"), null), 10_000, OracleSeq("ORDER_NUMBER_SEQ", 77));

        Assert.Equal(10_077, plan.Sequences[0].NewValue);
        Assert.DoesNotContain(plan.Findings, f => f.Code == FindingCatalog.EmptyTable);
    }

    [Fact]
    public void A_sequence_listed_without_a_table_and_without_a_source_value_blocks()
    {
        var entry = Entry(null, null, "order_number_seq");

        var plan = PlanOne(State(entry, Sequence("order_number_seq"), null), 10_000);

        Assert.True(plan.IsBlocked);
        Assert.Equal(PlanAction.Blocked, plan.Sequences[0].Action);
        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.NoReferenceValue);
    }

    [Fact]
    public void A_key_that_would_overflow_an_integer_column_blocks()
    {
        var entry = Entry("ticket", "ticket_id", "ticket_seq");

        var plan = PlanOne(State(entry, Sequence("ticket_seq"), 2_147_480_000, columnType: "integer"), 10_000);

        Assert.True(plan.IsBlocked);
        Assert.Equal(PlanAction.Blocked, plan.Sequences[0].Action);
        var finding = Assert.Single(plan.Findings, f => f.Code == FindingCatalog.ColumnTypeOverflow);
        Assert.Equal(Severity.Blocking, finding.Severity);
        Assert.Equal("public.ticket.ticket_id", finding.Object);
    }

    [Fact]
    public void A_value_beyond_the_sequence_maxvalue_blocks()
    {
        var entry = Entry("ticket", "ticket_id", "ticket_seq");

        var plan = PlanOne(State(entry, Sequence("ticket_seq", max: 32_767, type: "smallint"), 30_000), 10_000);

        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.SequenceLimitExceeded && f.Severity == Severity.Blocking);
    }

    [Fact]
    public void Oracle_nomaxvalue_is_not_a_bound_and_does_not_overflow_the_arithmetic()
    {
        var entry = Entry("account", "account_id", "account_seq");

        var plan = PlanOne(State(entry, Sequence("account_seq"), 1), 10_000, OracleSeq("ACCOUNT_SEQ", long.MaxValue - 5));

        Assert.True(plan.IsBlocked);
        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.SequenceLimitExceeded);
    }

    [Fact]
    public void Warns_about_cycle_and_cache_on_the_target_sequence()
    {
        var entry = Entry("account", "account_id", "account_seq");

        var plan = PlanOne(State(entry, Sequence("account_seq", cache: 50, cycle: true), 10), 100);

        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.CycleSequence && f.Severity == Severity.Warning);
        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.SequenceCache && f.Severity == Severity.Warning);
        Assert.False(plan.IsBlocked);
    }

    [Fact]
    public void Warns_about_source_sequences_nobody_mapped_and_target_sequences_with_no_source()
    {
        var entry = Entry("account", "account_id", "account_seq");

        var plan = PlanOne(State(entry, Sequence("account_seq"), 10), 100, OracleSeq("AUDIT_EVENT_SEQ", 5));

        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.UnmappedSourceSequence && f.Object == "FINANCE.AUDIT_EVENT_SEQ");
        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.SourceSequenceNotFound && f.Severity == Severity.Warning);
        Assert.Equal(110, plan.Sequences[0].NewValue);
    }

    [Fact]
    public void A_shared_sequence_takes_the_max_over_every_table_and_the_largest_margin()
    {
        var a = Entry("invoice", "id", "doc_seq", line: 1);
        var b = Entry("credit_note", "id", "doc_seq", margin: 500, line: 2);
        var sequence = Sequence("doc_seq");

        var plan = AdvancementPlanner.Plan(Settings(100, true, a, b), Source(), Target(State(a, sequence, 1_000), State(b, sequence, 7_000)));

        var row = Assert.Single(plan.Sequences);
        Assert.Equal(7_500, row.NewValue);
        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.SharedSequence);
    }

    [Fact]
    public void Opposite_directions_on_source_and_target_block()
    {
        var entry = Entry("account", "account_id", "account_seq");

        var plan = PlanOne(State(entry, Sequence("account_seq"), 10), 100, OracleSeq("ACCOUNT_SEQ", -50, increment: -1));

        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.DirectionMismatch);
        Assert.True(plan.IsBlocked);
    }

    [Fact]
    public void A_scalable_oracle_sequence_falls_back_to_the_target_keys()
    {
        var entry = Entry("account", "account_id", "account_seq");

        var plan = PlanOne(State(entry, Sequence("account_seq"), 1_000), 100, OracleSeq("ACCOUNT_SEQ", 10_000_000, scalable: true));

        Assert.Equal(1_100, plan.Sequences[0].NewValue);
        Assert.Null(plan.Sequences[0].SourceLast);
        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.SourceValueUnusable);
    }

    [Fact]
    public void An_explicit_source_sequence_name_maps_a_differently_named_oracle_sequence()
    {
        var entry = Entry("audit_trail", "event_id", "audit_trail_seq", sourceSequence: "audit.event_seq");

        var plan = PlanOne(State(entry, Sequence("audit_trail_seq"), 10), 100, OracleSeq("EVENT_SEQ", 5_000, owner: "AUDIT"));

        Assert.Equal(5_100, plan.Sequences[0].NewValue);
        Assert.Equal("AUDIT.EVENT_SEQ", plan.Sequences[0].SourceName);
    }

    [Fact]
    public void Same_named_sequences_in_two_owners_are_ambiguous_unless_one_matches_the_schema()
    {
        var entry = Entry("account", "account_id", "account_seq");

        var plan = PlanOne(State(entry, Sequence("account_seq"), 10), 100,
            OracleSeq("ACCOUNT_SEQ", 5, owner: "FINANCE"), OracleSeq("ACCOUNT_SEQ", 9, owner: "LEGACY"));

        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.SourceSequenceAmbiguous);
    }

    [Fact]
    public void With_advancement_disabled_the_plan_is_reported_and_marked()
    {
        var entry = Entry("account", "account_id", "account_seq");

        var plan = AdvancementPlanner.Plan(Settings(100, false, entry), Source(), Target(State(entry, Sequence("account_seq"), 10)));

        Assert.False(plan.Enabled);
        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.AdvancementDisabled);
    }

    [Fact]
    public void The_expected_gap_starts_after_the_last_loaded_key_and_splits_at_the_source_high_water_mark()
    {
        var (settings, source, target) = FinancialSchema();

        var gap = AdvancementPlanner.Plan(settings, source, target).Sequences[0].Gap!;

        // Seed 7.7, account: last key 847,290, LAST_NUMBER 847,331, next value 857,332.
        Assert.Equal((847_291, 857_331, 10_041), ((long)gap.First, (long)gap.Last, (long)gap.Size));
        Assert.Equal((847_291, 847_331, 41), ((long)gap.CatchUp!.First, (long)gap.CatchUp.Last, (long)gap.CatchUp.Size));
        Assert.Equal((847_332, 857_331, 10_000), ((long)gap.Margin!.First, (long)gap.Margin.Last, (long)gap.Margin.Size));
    }

    [Theory]
    [InlineData(100L, 50L, 10_101, false, 101, 10_100, 0)]
    [InlineData(40L, 100L, 10_101, false, 41, 10_100, 60)]
    [InlineData(null, 100L, 10_101, false, 101, 10_100, 0)]
    [InlineData(-100L, -150L, -10_151, true, -101, -10_150, 50)]
    public void The_gap_has_a_catch_up_part_only_when_the_source_is_ahead_of_the_keys(
        long? lastKey, long? source, int next, bool descending, int first, int last, int catchUp)
    {
        var gap = SequenceGap.Between(lastKey, source, next, descending)!;

        Assert.Equal((first, last), ((long)gap.First, (long)gap.Last));
        Assert.Equal(catchUp, (long)(gap.CatchUp?.Size ?? 0));
        Assert.Equal(gap.Size, (gap.CatchUp?.Size ?? 0) + (gap.Margin?.Size ?? 0));
    }

    [Theory]
    [InlineData(10, 1, 2, 11)]
    [InlineData(11, 1, 2, 11)]
    [InlineData(10, 2, 2, 10)]
    [InlineData(10, 1, 5, 11)]
    [InlineData(-10, -1, -2, -11)]
    [InlineData(-11, -1, -2, -11)]
    public void Values_land_on_the_step_grid_in_the_direction_of_travel(long value, long anchor, long increment, long expected) =>
        Assert.Equal(expected, SequenceArithmetic.OntoGrid(value, anchor, increment));
}
