using System.Globalization;
using System.Numerics;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.SavedPlans;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests.Stage;

/// <summary>plan.json: written, read back, its readings put in place of live ones, and the drift between them.</summary>
public sealed class SavedPlanTests : IDisposable
{
    private static readonly DateTimeOffset PlannedAt = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    private readonly string folder = Directory.CreateTempSubdirectory("saved-plan-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string ConfigFile(string text = "sequenceAdvancement:\n  safetyMargin: 10000\n")
    {
        var path = Path.Combine(folder, "cutover.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Made, written and read back as apply --plan reads it.</summary>
    private PlanDocument RoundTrip(SourceCatalog source, TargetSnapshot target, AdvancementPlan plan)
    {
        var path = Path.Combine(folder, $"plan-{Guid.NewGuid():N}.json");
        SavedPlan.Write(SavedPlan.Create(ConfigFile(), source, target, plan, PlannedAt), path);
        return SavedPlan.Read(path);
    }

    private static AdvancementPlan Replan(Core.Configuration.AdvancementConfig settings, PlanDocument saved,
        SourceCatalog source, TargetSnapshot target) =>
        AdvancementPlanner.Plan(settings, SavedPlan.Planned(saved, source), SavedPlan.Planned(saved, target));

    /// <summary>The drift findings of a saved plan against live readings, as apply --plan computes them.</summary>
    private IReadOnlyList<Finding> Drift(PlanDocument saved, Core.Configuration.AdvancementConfig settings,
        SourceCatalog source, TargetSnapshot target, MaxDrift? maxDrift = null)
    {
        var config = ConfigFile();
        var live = new PlanLiveState(config, SavedPlan.Digest(config), source, target,
            AdvancementPlanner.Plan(settings, source, target));
        return PlanDrift.Compare(saved, live, Replan(settings, saved, source, target), maxDrift ?? MaxDrift.Default);
    }

    [Fact]
    public void The_seed_example_saved_and_read_back_gives_its_five_setvals_though_the_live_readings_moved()
    {
        var (settings, source, target) = FinancialSchema();
        var saved = RoundTrip(source, target, AdvancementPlanner.Plan(settings, source, target));
        // Three hours of catch-up later: every source value 3,000 further, every key 2,000 further.
        var movedSource = source with
        {
            Sequences = [.. source.Sequences.Select(s => s with { LastNumber = s.LastNumber + 3000 })],
        };
        var movedTarget = target with
        {
            Entries = [.. target.Entries.Select(e => e with { KeyExtreme = e.KeyExtreme + 2000 })],
        };

        var approved = Replan(settings, saved, movedSource, movedTarget);

        Assert.Equal([857_331, 24_901_044, 6_112_887, 78_450_321, 14_421],
            approved.Sequences.Select(s => (long)s.NewValue!.Value));
        Assert.Empty(Drift(saved, settings, movedSource, movedTarget));
    }

    [Fact]
    public void A_source_value_past_half_the_margin_is_drift_and_a_wider_allowance_within_the_margin_accepts_it()
    {
        var (settings, source, target) = FinancialSchema();
        var saved = RoundTrip(source, target, AdvancementPlanner.Plan(settings, source, target));
        var moved = source with
        {
            Sequences = [.. source.Sequences.Select(s => s.Name == "PAYMENT_SEQ" ? s with
            {
                LastNumber = s.LastNumber + 5001,
            } : s)],
        };
        var finding = Assert.Single(Drift(saved, settings, moved, target));

        Assert.Equal((FindingCatalog.PlanDrift, Severity.Blocking, "public.payment_seq"),
            (finding.Code, finding.Severity, finding.Object));
        Assert.Contains("5,001 past the planned reference 6,102,887", finding.Message, StringComparison.Ordinal);
        Assert.Empty(Drift(saved, settings, moved, target, MaxDrift.Parse("5001", out _)));
        // Never beyond the margin: an allowance of more still stops at it.
        Assert.Equal(10_000, new MaxDrift(null, 50_000).Allowed(10_000));
    }

    [Fact]
    public void Descending_sequences_drift_downwards()
    {
        var entry = Entry("refund", "id", "refund_seq");
        var settings = Settings(1000, true, entry);
        var source = Source(OracleSeq("REFUND_SEQ", -5000, increment: -1));
        var target = Target(State(entry, Sequence("refund_seq", lastValue: -1, increment: -1), -4800));
        var plan = AdvancementPlanner.Plan(settings, source, target);
        var saved = RoundTrip(source, target, plan);
        Assert.Equal(new BigInteger(-6000), saved.Sequences.Single().NewValue);

        var upwards = source with { Sequences = [source.Sequences[0] with { LastNumber = -3000 }] };
        Assert.Empty(Drift(saved, settings, upwards, target));
        var downwards = source with { Sequences = [source.Sequences[0] with { LastNumber = -5600 }] };
        var finding = Assert.Single(Drift(saved, settings, downwards, target));
        Assert.Contains("600 below the planned reference -5,000", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edited_reference_in_the_file_is_drift_and_the_allowance_is_measured_from_the_derived_one()
    {
        var entry = Entry("t", "id", "t_seq");
        var settings = Settings(1000, true, entry);
        var source = Source(OracleSeq("T_SEQ", 10_000));
        var target = Target(State(entry, Sequence("t_seq"), 9_000));
        var saved = RoundTrip(source, target, AdvancementPlanner.Plan(settings, source, target));
        // Reference raised by hand (setval untouched): the source at 10,990 would sit within half the margin of it.
        var edited = saved with { Sequences = [saved.Sequences[0] with { Reference = 10_900 }] };
        var moved = source with { Sequences = [source.Sequences[0] with { LastNumber = 10_990 }] };

        var finding = Assert.Single(Drift(edited, settings, moved, target));

        Assert.Contains("990 past the planned reference 10,000", finding.Message, StringComparison.Ordinal);
        var values = Assert.Single(Drift(edited, settings, source, target));
        Assert.Contains("reference 10,900 in the file, 10,000 from its readings", values.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Key_drift_on_a_shared_sequence_names_the_table_and_descending_keys_are_the_smallest()
    {
        var first = Entry("invoice", "id", "doc_seq");
        var second = Entry("credit_note", "id", "doc_seq");
        var settings = Settings(1000, true, first, second);
        var source = Source();
        var sequence = Sequence("doc_seq", lastValue: 100, isCalled: true);
        var target = Target(State(first, sequence, 5_000), State(second, sequence, 4_000));
        var saved = RoundTrip(source, target, AdvancementPlanner.Plan(settings, source, target));
        var moved = Target(State(first, sequence, 5_000), State(second, sequence, 5_800));

        var finding = Assert.Single(Drift(saved, settings, source, moved));

        Assert.Contains("the largest key (public.credit_note.id) is now 5,800, 800 past the planned reference 5,000",
            finding.Message, StringComparison.Ordinal);

        var refund = Entry("refund", "id", "refund_seq");
        var descending = Sequence("refund_seq", lastValue: -1, increment: -1);
        var down = Settings(1000, true, refund);
        var before = Target(State(refund, descending, -4_800));
        var plan = RoundTrip(source, before, AdvancementPlanner.Plan(down, source, before));
        var lower = Assert.Single(Drift(plan, down, source, Target(State(refund, descending, -5_400))));
        Assert.Contains("the smallest key (public.refund.id) is now -5,400, 600 below the planned reference -4,800",
            lower.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_sequence_gone_or_a_source_read_from_elsewhere_is_drift_an_scn_alone_is_not()
    {
        var (settings, source, target) = FinancialSchema();
        var saved = RoundTrip(source, target, AdvancementPlanner.Plan(settings, source, target));

        Assert.Empty(Drift(saved, settings, source with { Description = source.Description + " (SCN 99182)" },
            target));
        var elsewhere = Assert.Single(Drift(saved, settings, source with { Description = "oracle-export ./other" },
            target));
        Assert.Contains("this run reads oracle-export ./other", elsewhere.Message, StringComparison.Ordinal);

        var gone = source with { Sequences = [.. source.Sequences.Where(s => s.Name != "PAYMENT_SEQ")] };
        var findings = Drift(saved, settings, gone, target);
        Assert.Contains(findings, f => f.Object == "FINANCE.PAYMENT_SEQ"
            && f.Message.Contains("the source has no such sequence now", StringComparison.Ordinal));
        Assert.All(findings, f => Assert.Equal(FindingCatalog.PlanDrift, f.Code));
    }

    [Fact]
    public void Hilo_key_drift_states_the_key_its_block_and_the_margin_in_blocks_and_keys()
    {
        var entry = Entry("orders", "order_id", "orders_seq") with
        {
            Allocator = Core.Configuration.KeyAllocator.Hilo,
            BlockSize = 50,
        };
        var settings = Settings(1000, true, entry);
        var source = Source();
        var sequence = Sequence("orders_seq", lastValue: 10, isCalled: true);
        var target = Target(State(entry, sequence, 100_000));
        var saved = RoundTrip(source, target, AdvancementPlanner.Plan(settings, source, target));

        var finding = Assert.Single(Drift(saved, settings, source, Target(State(entry, sequence, 100_540))));

        Assert.Contains("the largest key (public.orders.order_id) is now 100,540, block 2,011 of 50 keys, 11 blocks " +
            "past the planned reference block 2,000", finding.Message, StringComparison.Ordinal);
        Assert.Contains("allows 10 of its margin of 20 blocks (1,000 keys)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_sequence_no_planned_value_came_from_may_go_and_one_the_source_gained_gives_no_value()
    {
        var entry = Entry("t", "id", "t_seq");
        var settings = Settings(1000, true, entry);
        var source = Source(OracleSeq("T_SEQ", 5_000), OracleSeq("UNUSED_SEQ", 77));
        var target = Target(State(entry, Sequence("t_seq"), 4_000));
        var saved = RoundTrip(source, target, AdvancementPlanner.Plan(settings, source, target));

        var dropped = source with { Sequences = [source.Sequences[0]] };
        Assert.DoesNotContain(Drift(saved, settings, dropped, target), f => f.Object == "FINANCE.UNUSED_SEQ");
        var gained = source with { Sequences = [.. source.Sequences, OracleSeq("NEW_SEQ", 9_000_000)] };
        var approved = Replan(settings, saved, gained, target);
        Assert.Equal(new BigInteger(6_000), approved.Sequences.Single().NewValue);
        Assert.DoesNotContain(Drift(saved, settings, gained, target), f => f.Severity == Severity.Blocking
            && f.Code != FindingCatalog.PlanDrift);
    }

    [Fact]
    public void A_sequence_already_exactly_at_the_plans_value_is_no_drift_one_anywhere_else_is()
    {
        var (settings, source, target) = FinancialSchema();
        var plan = AdvancementPlanner.Plan(settings, source, target);
        var saved = RoundTrip(source, target, plan);
        var payment = plan.Sequences.Single(s => s.Name.Contains("payment", StringComparison.Ordinal));
        TargetSnapshot At(BigInteger value) => target with
        {
            Entries = [.. target.Entries.Select(e => e.Sequence!.Name == payment.Sequence
                ? e with { Sequence = e.Sequence with { LastValue = (long)value, IsCalled = true } } : e)],
        };

        Assert.Empty(Drift(saved, settings, source, At(payment.NewValue!.Value)));
        var finding = Assert.Single(Drift(saved, settings, source, At(payment.NewValue.Value - 1)));
        Assert.Contains("it moved since the plan", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_configuration_names_the_plans_file_and_this_runs()
    {
        var (settings, source, target) = FinancialSchema();
        var saved = RoundTrip(source, target, AdvancementPlanner.Plan(settings, source, target));
        var config = Path.Combine(folder, "tonight.yaml");
        File.WriteAllText(config, "sequenceAdvancement:\n  safetyMargin: 20000\n");
        var live = new PlanLiveState(config, SavedPlan.Digest(config), source, target,
            AdvancementPlanner.Plan(settings, source, target));

        var finding = Assert.Single(PlanDrift.Compare(saved, live, Replan(settings, saved, source, target),
            MaxDrift.Default));

        Assert.StartsWith($"{config}: the configuration is not the one the plan was made with ({ConfigFile()}",
            finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_plans_read_back_derive_exactly_their_saved_values_and_no_drift_against_their_own_readings()
    {
        var random = new Random(20261202);
        for (var round = 0; round < 200; round++)
        {
            var count = random.Next(1, 6);
            var entries = new List<Core.Configuration.TableEntry>();
            var sources = new List<SourceSequence>();
            var states = new List<TargetEntryState>();
            for (var i = 0; i < count; i++)
            {
                var increment = random.Next(4) switch { 0 => -1, 1 => 5, 2 => 2, _ => 1 };
                var sign = increment < 0 ? -1 : 1;
                var entry = Entry($"t{i}", "id", $"t{i}_seq", margin: random.Next(2) == 0 ? null : random.Next(1, 5000));
                entries.Add(entry);
                sources.Add(OracleSeq($"T{i}_SEQ", sign * random.Next(1, 1_000_000), increment));
                var position = sign * (long)random.Next(1, 1_500_000);
                states.Add(State(entry, Sequence($"t{i}_seq", position, random.Next(2) == 0, increment),
                    random.Next(3) == 0 ? null : sign * random.Next(1, 1_200_000)));
            }
            var settings = Settings(random.Next(1, 20_000), true, [.. entries]);
            var source = Source([.. sources]);
            var target = Target([.. states]);
            var plan = AdvancementPlanner.Plan(settings, source, target);
            var saved = RoundTrip(source, target, plan);

            var approved = Replan(settings, saved, source, target);

            Assert.Equal(plan.Sequences.Select(s => (s.Action, s.NewValue, s.NextValue)),
                approved.Sequences.Select(s => (s.Action, s.NewValue, s.NextValue)));
            Assert.Equal(plan.Sequences.Select(s => s.Action == PlanAction.Blocked ? null : s.NewValue),
                saved.Sequences.Select(s => s.NewValue));
            if (!plan.IsBlocked)
            {
                Assert.Empty(Drift(saved, settings, source, target));
            }
        }
    }

    [Fact]
    public void Source_values_beyond_64_bits_are_written_and_read_back_digit_for_digit()
    {
        var entry = Entry("t", "id", "t_seq");
        var settings = Settings(1000, true, entry);
        var huge = BigInteger.Parse("9999999999999999999999999990", CultureInfo.InvariantCulture);
        var source = Source(OracleSeq("T_SEQ", 5), OracleSeq("OTHER_SEQ", huge));
        var target = Target(State(entry, Sequence("t_seq"), 10));
        var saved = RoundTrip(source, target, AdvancementPlanner.Plan(settings, source, target));
        Assert.Equal(huge, saved.Source.Sequences.Single(s => s.Name == "FINANCE.OTHER_SEQ").Value);
    }

    [Fact]
    public void A_plan_file_that_is_not_a_plan_or_was_blocked_is_invalid_input_naming_the_file()
    {
        var report = Path.Combine(folder, "cutover-report.json");
        File.WriteAllText(report, """{"schemaVersion":"1.1","command":"plan","sequences":[]}""");
        var notAPlan = Assert.Throws<InvalidInputException>(() => SavedPlan.Read(report));
        Assert.StartsWith(report + ":", notAPlan.Message, StringComparison.Ordinal);

        var broken = Path.Combine(folder, "broken.json");
        File.WriteAllText(broken, "{\n  \"kind\": ");
        Assert.Contains("broken.json (line 2)", Assert.Throws<InvalidInputException>(() => SavedPlan.Read(broken))
            .Message, StringComparison.Ordinal);

        var entry = Entry("t", "id", "t_seq");
        var settings = Settings(1000, true, entry);
        var source = Source(OracleSeq("T_SEQ", 9000));
        var target = Target(State(entry, Sequence("t_seq", max: 9500), 10));
        var blocked = AdvancementPlanner.Plan(settings, source, target);
        Assert.True(blocked.IsBlocked);
        var path = Path.Combine(folder, "blocked.json");
        SavedPlan.Write(SavedPlan.Create(ConfigFile(), source, target, blocked, PlannedAt), path);
        Assert.Contains("the plan was blocked when it was made", Assert.Throws<InvalidInputException>(
            () => SavedPlan.Read(path)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("50%", 500)]
    [InlineData("0%", 0)]
    [InlineData("100%", 1000)]
    [InlineData("12.5%", 125)]
    [InlineData("300", 300)]
    [InlineData("5000", 1000)]
    public void Max_drift_is_a_share_of_each_margin_or_a_number_of_values_never_beyond_the_margin(string text,
        long allowed) =>
        Assert.Equal(new BigInteger(allowed), MaxDrift.Parse(text, out _)!.Allowed(1000));

    [Theory]
    [InlineData("150%")]
    [InlineData("-5")]
    [InlineData("half")]
    [InlineData("")]
    public void Max_drift_that_is_neither_is_refused_with_the_reason(string text)
    {
        Assert.Null(MaxDrift.Parse(text, out var problem));
        Assert.StartsWith("--max-drift", problem, StringComparison.Ordinal);
    }
}
