using CutoverSequencer.Cli;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Planning;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

/// <summary>Key headroom after the plan: the values each key has left and KEY_HEADROOM_LOW.</summary>
[Collection("process environment")]
public sealed class KeyHeadroomTests : IDisposable
{
    private readonly TempDirectory files = new();

    public void Dispose() => files.Dispose();

    private static AdvancementPlan Plan(AdvancementConfig settings, Core.Configuration.TableEntry entry,
        Core.Model.TargetSequence sequence, long keys, string type = "bigint") =>
        AdvancementPlanner.Plan(settings, Source(), Target(State(entry, sequence, keys, type)));

    [Fact]
    public void An_integer_key_planned_near_its_limit_warns_with_the_values_left()
    {
        var entry = Entry("orders", "order_id", "orders_seq");

        var plan = Plan(Settings(10_000, true, entry), entry, Sequence("orders_seq"), 2_147_400_021, "integer");

        var row = Assert.Single(plan.Sequences);
        Assert.Equal(2_147_410_022, row.NextValue);
        var room = row.Headroom!;
        Assert.Equal(73_626, room.ValuesLeft);
        Assert.Equal(int.MaxValue, room.Limit);
        Assert.Equal("public.orders.order_id (integer)", room.LimitedBy);
        var finding = Assert.Single(plan.Findings, f => f.Code == FindingCatalog.KeyHeadroomLow);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.StartsWith("public.orders_seq has 73,626 values left after the plan (next value 2,147,410,022, last " +
            "2,147,483,647, set by public.orders.order_id (integer)): 0.003", finding.Message, StringComparison.Ordinal);
        Assert.False(plan.IsBlocked);
    }

    [Fact]
    public void A_bigint_key_far_from_its_limit_has_no_finding()
    {
        var entry = Entry("orders", "order_id", "orders_seq");

        var plan = Plan(Settings(10_000, true, entry), entry, Sequence("orders_seq"), 5_000_000);

        Assert.DoesNotContain(plan.Findings, f => f.Code == FindingCatalog.KeyHeadroomLow);
        Assert.Equal("sequence MAXVALUE", plan.Sequences[0].Headroom!.LimitedBy);
        Assert.True(plan.Sequences[0].Headroom!.PercentLeft > 99.9);
    }

    [Fact]
    public void A_sequence_maxvalue_below_the_column_limit_is_the_limit()
    {
        var entry = Entry("orders", "order_id", "orders_seq");

        var plan = Plan(Settings(100, true, entry), entry, Sequence("orders_seq", max: 1_000_000), 950_000);

        var room = plan.Sequences[0].Headroom!;
        Assert.Equal(("sequence MAXVALUE", 1_000_000), (room.LimitedBy, (long)room.Limit));
        Assert.Equal(1_000_000 - 950_101 + 1, (long)room.ValuesLeft);
        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.KeyHeadroomLow);
    }

    [Fact]
    public void At_the_declared_rate_less_than_the_time_threshold_left_warns_with_the_time()
    {
        var entry = Entry("orders", "order_id", "orders_seq") with { ExpectedInsertsPerHour = 100_000 };

        var plan = Plan(Settings(10_000, true, entry), entry, Sequence("orders_seq"), 1_500_000_000, "integer");

        var room = plan.Sequences[0].Headroom!;
        Assert.True(room.PercentLeft > 10);
        Assert.Equal((double)room.ValuesLeft / 100_000, room.HoursLeft);
        var finding = Assert.Single(plan.Findings, f => f.Code == FindingCatalog.KeyHeadroomLow);
        Assert.Contains("at 100,000 per hour", finding.Message, StringComparison.Ordinal);
        Assert.Contains("about 8 months", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_descending_key_counts_down_to_its_minvalue()
    {
        var entry = Entry("ledger", "entry_id", "ledger_seq");

        var plan = Plan(Settings(100, true, entry), entry, Sequence("ledger_seq", -1, increment: -1, min: -10_000),
            -9_000);

        var room = plan.Sequences[0].Headroom!;
        Assert.Equal(("sequence MINVALUE", -10_000L), (room.LimitedBy, (long)room.Limit));
        Assert.Equal(-9_101 - -10_000 + 1, (long)room.ValuesLeft);
        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.KeyHeadroomLow);
    }

    [Fact]
    public void The_thresholds_are_configurable()
    {
        var entry = Entry("orders", "order_id", "orders_seq");
        var strict = Settings(10_000, true, entry) with { HeadroomPercent = 60 };
        var lax = Settings(10_000, true, entry) with { HeadroomPercent = 0 };

        Assert.Contains(Plan(strict, entry, Sequence("orders_seq"), 1_000_000_000, "integer").Findings,
            f => f.Code == FindingCatalog.KeyHeadroomLow);
        Assert.DoesNotContain(Plan(lax, entry, Sequence("orders_seq"), 2_147_400_021, "integer").Findings,
            f => f.Code == FindingCatalog.KeyHeadroomLow);
    }

    [Fact]
    public void The_configuration_reads_the_thresholds_and_refuses_a_bad_one()
    {
        const string head = "source:\n  kind: none\ntarget:\n  connectionString: Host=localhost;Database=f\n" +
            "sequenceAdvancement:\n  keyHeadroom:\n";
        var config = ConfigLoader.Load(files.Write("a.yaml", head + "    percent: 5\n    time: 30d\n"), SourceKinds.All);

        Assert.Equal((5d, TimeSpan.FromDays(30)),
            (config.SequenceAdvancement.HeadroomPercent, config.SequenceAdvancement.HeadroomTime));
        var error = Assert.Throws<InvalidInputException>(() =>
            ConfigLoader.Load(files.Write("b.yaml", head + "    percent: 150\n"), SourceKinds.All));
        Assert.Contains("b.yaml:7", error.Message, StringComparison.Ordinal);
        Assert.Contains("'percent' must be a number from 0 to 100", error.Message, StringComparison.Ordinal);
    }
}
