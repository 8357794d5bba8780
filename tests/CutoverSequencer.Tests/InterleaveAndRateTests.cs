using System.Numerics;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Wording;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

public class InterleaveTests
{
    private static PlannedSequence PlanNode(int node, int nodes, BigInteger? keyMax, long lastValue = 1, bool isCalled = false, long increment = 1, string columnType = "bigint", long margin = 100)
    {
        var entry = Entry("orders", "order_id", "orders_seq");
        var settings = Settings(margin, true, entry) with { Interleave = new Interleave(nodes, node) };
        var plan = AdvancementPlanner.Plan(settings, Source(), Target(State(entry, Sequence("orders_seq", lastValue, isCalled, increment), keyMax, columnType)));
        return Assert.Single(plan.Sequences);
    }

    [Theory]
    [InlineData(1, 2, 1)]
    [InlineData(2, 2, 2)]
    [InlineData(3, 3, 3)]
    public void A_fresh_database_starts_each_node_exactly_at_its_number(int node, int nodes, long expected)
    {
        var row = PlanNode(node, nodes, null);

        Assert.Equal(expected, row.NextValue);
        Assert.Equal(nodes, row.NewIncrement);
        Assert.Equal(PlanAction.Advance, row.Action);
    }

    [Theory]
    [InlineData(1, 2, 1101)]
    [InlineData(2, 2, 1102)]
    [InlineData(1, 3, 1102)]
    [InlineData(2, 3, 1103)]
    [InlineData(3, 3, 1101)]
    public void On_existing_data_each_node_takes_the_first_value_of_its_residue_past_keys_and_margin(int node, int nodes, long expected)
    {
        var row = PlanNode(node, nodes, 1_000);

        Assert.Equal(expected, row.NextValue);
        Assert.Equal(node % nodes, (int)(row.NextValue!.Value % nodes));
        Assert.True(row.NextValue > 1_100);
    }

    [Fact]
    public void The_derivation_of_an_interleaved_row_is_spelled_with_its_stride()
    {
        var row = PlanNode(2, 3, 1_000);

        Assert.DoesNotContain(row.Derivation.Steps, s => s is UnresolvedStep);
        Assert.Equal(new Interleave(3, 2), row.Stride);
        Assert.Equal("Node 2 of 3: smallest value ≡ 2 (mod 3) above 1,000 + margin 100 is 1,103; INCREMENT BY 3 RESTART WITH 1,103.", DerivationWording.Describe(row));
    }

    [Fact]
    public void Two_nodes_planned_on_the_same_data_issue_disjoint_streams()
    {
        var a = PlanNode(1, 2, 5_000);
        var b = PlanNode(2, 2, 5_000);

        var streamA = Enumerable.Range(0, 10_000).Select(i => a.NextValue!.Value + (i * a.NewIncrement!.Value)).ToHashSet();
        var streamB = Enumerable.Range(0, 10_000).Select(i => b.NextValue!.Value + (i * b.NewIncrement!.Value));

        Assert.DoesNotContain(streamB, streamA.Contains);
    }

    [Fact]
    public void A_sequence_already_on_its_stream_past_the_keys_is_left_alone()
    {
        var row = PlanNode(1, 2, 1_000, lastValue: 5_001, isCalled: true, increment: 2);

        Assert.Equal(PlanAction.Unchanged, row.Action);
        Assert.Equal(5_003, row.NextValue);
    }

    [Fact]
    public void A_sequence_ahead_but_on_the_wrong_stride_moves_forward_onto_its_stream()
    {
        var row = PlanNode(2, 2, 1_000, lastValue: 5_000, isCalled: true);

        Assert.Equal(PlanAction.Advance, row.Action);
        Assert.Equal(5_002, row.NextValue);
    }

    [Fact]
    public void A_stride_that_cannot_fit_the_column_type_blocks()
    {
        var entry = Entry("orders", "order_id", "orders_seq");
        var settings = Settings(100, true, entry) with { Interleave = new Interleave(2, 2) };

        var plan = AdvancementPlanner.Plan(settings, Source(), Target(State(entry, Sequence("orders_seq"), int.MaxValue - 101L, "integer")));

        Assert.True(plan.IsBlocked);
        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.ColumnTypeOverflow);
    }
}

public class RateMarginTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    private static (AdvancementPlan Plan, PlannedSequence Row) Plan(long margin, TimeSpan? window, double? declared = null, Baseline? baseline = null, bool strict = false, long lastNumber = 847_331)
    {
        var entry = Entry("account", "account_id", "account_seq") with { ExpectedInsertsPerHour = declared };
        var settings = Settings(margin, true, entry) with { CatchUpWindow = window };
        var source = Source(OracleSeq("ACCOUNT_SEQ", lastNumber)) with { CapturedAt = Now };
        var plan = AdvancementPlanner.Plan(settings, source, Target(State(entry, Sequence("account_seq"), 847_290)), null, new PlanPolicy(baseline, Now, strict));
        return (plan, plan.Sequences[0]);
    }

    [Fact]
    public void A_rate_measured_from_a_baseline_sets_the_margin_the_formula_says()
    {
        // 6,000 values in 2 hours = 3,000/h; window 2 h, headroom 2: 12,000 > 10,000.
        var baseline = new Baseline("report before", Now.AddHours(-2),
            new Dictionary<string, BigInteger> { ["FINANCE.ACCOUNT_SEQ"] = 841_331 }, new Dictionary<string, BigInteger>());

        var (plan, row) = Plan(10_000, TimeSpan.FromHours(2), baseline: baseline);

        Assert.Equal(3_000, row.Rate!.PerHour, 3);
        Assert.Equal(12_000, row.Rate.Required);
        Assert.Equal(12_000, row.Margin);
        Assert.Equal(847_331 + 12_000, row.NewValue);
        var finding = Assert.Single(plan.Findings, f => f.Code == FindingCatalog.MarginBelowObservedRate);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("Margin: rate 3,000.0/h", DerivationWording.Describe(row), StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_rate_works_without_a_baseline_and_strict_makes_it_blocking()
    {
        var (plan, row) = Plan(10_000, TimeSpan.FromMinutes(90), declared: 5_000, strict: true);

        Assert.Equal(15_000, row.Rate!.Required);
        Assert.True(plan.IsBlocked);
        Assert.Equal(PlanAction.Blocked, row.Action);
    }

    [Fact]
    public void A_margin_that_already_covers_the_rate_stays_as_configured()
    {
        var (plan, row) = Plan(50_000, TimeSpan.FromHours(2), declared: 1_000);

        Assert.Equal(50_000, row.Margin);
        Assert.Equal(4_000, row.Rate!.Required);
        Assert.DoesNotContain(plan.Findings, f => f.Code == FindingCatalog.MarginBelowObservedRate);
    }

    [Fact]
    public void Without_a_window_no_rate_is_applied()
    {
        var (_, row) = Plan(10_000, null, declared: 1_000_000);

        Assert.Null(row.Rate);
        Assert.Equal(10_000, row.Margin);
    }
}
