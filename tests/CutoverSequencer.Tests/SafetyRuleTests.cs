using System.Numerics;
using CutoverSequencer.Core.Analysis;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Stage;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

/// <summary>Rules that keep an exit 0 safe and the report's sentences true, without a database.</summary>
public class SafetyRuleTests
{
    private static CutoverConfig Config(params TableEntry[] entries) =>
        new("cutover.yaml", new SourceConfig("oracle-export", "./export", null, []),
            new TargetConfig("Host=localhost", "public"), Settings(10_000, true, entries));

    [Fact]
    public void A_configured_identity_table_listed_for_its_margin_keeps_the_oracle_value()
    {
        var configured = Entry("customer", "customer_id", null, margin: 50);
        var source = Source(OracleSeq("ISEQ$$_74512", 9_001)) with
        {
            IdentityColumns = [new SourceIdentityColumn("FINANCE", "CUSTOMER", "CUSTOMER_ID", "BY DEFAULT", "ISEQ$$_74512", "identity_columns.csv:2")],
        };
        var config = Config(configured);
        var entries = SourceAnalysis.Analyze(source, config).Entries;
        var entry = Assert.Single(entries);

        var plan = AdvancementPlanner.Plan(config.SequenceAdvancement, source,
            Target(State(entry, Sequence("customer_customer_id_seq"), 120)));

        var row = Assert.Single(plan.Sequences);
        Assert.Equal(9_001, row.SourceLast);
        Assert.Equal(9_051, row.NewValue);
        Assert.DoesNotContain(plan.Findings, f => f.Code is FindingCatalog.UnmappedSourceSequence or FindingCatalog.SourceSequenceNotFound);
    }

    [Fact]
    public void A_shared_target_sequence_takes_the_highest_of_every_source_sequence_its_tables_map()
    {
        var a = Entry("a", "id", "shared_seq", sourceSequence: "FINANCE.A_SEQ");
        var b = Entry("b", "id", "shared_seq", sourceSequence: "FINANCE.B_SEQ");
        var plan = AdvancementPlanner.Plan(Settings(100, true, a, b), Source(OracleSeq("A_SEQ", 500), OracleSeq("B_SEQ", 7_000)),
            Target(State(a, Sequence("shared_seq"), 10), State(b, Sequence("shared_seq"), 20)));

        var row = Assert.Single(plan.Sequences);
        Assert.Equal(7_000, row.SourceLast);
        Assert.Equal(7_100, row.NewValue);
        Assert.DoesNotContain(plan.Findings, f => f.Code == FindingCatalog.UnmappedSourceSequence);
    }

    [Fact]
    public void A_key_that_is_not_a_finite_number_blocks_its_sequence_and_the_rest_still_plans()
    {
        var broken = Entry("measure", "id", "measure_seq");
        var fine = Entry("account", "account_id", "account_seq");
        var failure = TargetProblem.Create(FindingCatalog.KeyNotFinite, "public.measure.id", ("column", "public.measure.id"), ("type", "numeric"), ("value", "NaN"), ("sequence", "public.measure_seq"));
        var plan = AdvancementPlanner.Plan(Settings(100, true, broken, fine), Source(),
            Target(State(broken, Sequence("measure_seq"), null) with { KeyFailure = failure }, State(fine, Sequence("account_seq"), 500)));

        Assert.True(plan.IsBlocked);
        Assert.Equal(PlanAction.Blocked, plan.Sequences[0].Action);
        Assert.Equal(PlanAction.Advance, plan.Sequences[1].Action);
        var finding = Assert.Single(plan.Findings, f => f.Severity == Severity.Blocking);
        Assert.Equal((FindingCatalog.KeyNotFinite, "public.measure.id"), (finding.Code, finding.Object));
        Assert.DoesNotContain(plan.Findings, f => f.Code == FindingCatalog.EmptyTable);
    }

    [Fact]
    public void A_hot_standby_target_blocks_the_plan()
    {
        var entry = Entry("account", "account_id", "account_seq");
        var plan = AdvancementPlanner.Plan(Settings(100, true, entry), Source(), Target(State(entry, Sequence("account_seq"), 500)) with { InRecovery = true });

        Assert.True(plan.IsBlocked);
        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.TargetInRecovery && f.Severity == Severity.Blocking);
    }

    [Theory]
    [InlineData(FindingCatalog.SequencePrivilegeMissing, 3)]
    [InlineData(FindingCatalog.KeyReadTimeout, 3)]
    [InlineData(FindingCatalog.ColumnTypeOverflow, 1)]
    public void A_refusal_by_the_database_is_exit_3_and_a_plan_problem_exit_1(string code, int exitCode)
    {
        var report = Report(ReportStatus.Blocked, [new Finding(code, FindingCatalog.Get(code).Severity, "public.t", "m", "")]);

        Assert.Equal(exitCode, report.ExitCode);
    }

    [Fact]
    public void The_brief_of_a_verify_gives_the_values_read_back_and_a_failure_comes_first()
    {
        var entry = Entry("orders", "order_id", "orders_seq");
        var plan = AdvancementPlanner.Plan(Settings(100, true, entry), Source(), Target(State(entry, Sequence("orders_seq", 5_100, isCalled: true), 5_000)));
        var failedRead = new SequenceVerification("public.orders_seq", 4_001, 5_000, null, false);

        var lines = OperationsBrief.Lines(Report(ReportStatus.VerificationFailed, [], plan, [failedRead])).ToList();

        Assert.StartsWith("Verification FAILED for 1 sequence(s): public.orders_seq.", lines[0], StringComparison.Ordinal);
        Assert.Contains("first new value 4,001 (read back)", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_measures_the_margin_against_the_reference_its_apply_recorded_not_keys_issued_since()
    {
        var entry = Entry("orders", "order_id", "orders_seq");
        // Applied at reference 5,000 + margin 100: next value 5,101. The application has since inserted up to 5,150.
        var plan = AdvancementPlanner.Plan(Settings(100, true, entry), Source(), Target(State(entry, Sequence("orders_seq", 5_150, isCalled: true), 5_150)));
        var reading = Target(State(entry, Sequence("orders_seq", 5_150, isCalled: true), 5_150));
        var recorded = new Dictionary<QualifiedName, (BigInteger, long)> { [QualifiedName.Parse("orders_seq", "public")] = (5_000, 100) };

        var (results, findings) = Verifier.Verify(plan, reading, recorded);
        var (_, withoutRecord) = Verifier.Verify(plan, reading, new Dictionary<QualifiedName, (BigInteger, long)>());

        Assert.True(Assert.Single(results).Passed);
        Assert.DoesNotContain(findings, f => f.Code == FindingCatalog.MarginNotMet);
        Assert.DoesNotContain(withoutRecord, f => f.Code == FindingCatalog.MarginNotMet);
    }

    [Fact]
    public void Verify_warns_when_the_sequence_sits_below_the_recorded_reference_plus_margin()
    {
        var entry = Entry("orders", "order_id", "orders_seq");
        var plan = AdvancementPlanner.Plan(Settings(100, true, entry), Source(), Target(State(entry, Sequence("orders_seq", 5_020, isCalled: true), 5_000)));
        var reading = Target(State(entry, Sequence("orders_seq", 5_020, isCalled: true), 5_000));
        var recorded = new Dictionary<QualifiedName, (BigInteger, long)> { [QualifiedName.Parse("orders_seq", "public")] = (5_000, 100) };

        var (_, findings) = Verifier.Verify(plan, reading, recorded);

        Assert.Contains(findings, f => f.Code == FindingCatalog.MarginNotMet && f.Message.Contains("recorded by the apply", StringComparison.Ordinal));
    }

    [Fact]
    public void A_column_whose_default_calls_another_sequence_than_the_trigger_mapping_plans_both_with_the_source_value()
    {
        var fromTrigger = Entry("orders", "order_id", "orders_seq", sourceSequence: "\"FINANCE\".\"ORDERS_SEQ\"") with { Origin = "trigger FINANCE.ORDERS_BI" };
        var discovered = Entry("orders", "order_id", "orders_order_id_seq") with { Origin = "target column default" };
        var entries = new List<TableEntry> { fromTrigger };

        SourceAnalysis.MergeDiscovered(entries, [discovered, Entry("other", "id", "other_seq") with { Origin = "target identity" }]);

        Assert.Equal(3, entries.Count);
        var added = entries.Single(e => e.Sequence!.Name == "orders_order_id_seq");
        Assert.Equal("\"FINANCE\".\"ORDERS_SEQ\"", added.SourceSequence);
    }

    [Fact]
    public void A_discovered_column_already_mapped_to_its_own_sequence_is_not_added_again()
    {
        var configured = Entry("orders", "order_id", null);
        var entries = new List<TableEntry> { configured };

        SourceAnalysis.MergeDiscovered(entries, [Entry("orders", "order_id", "orders_order_id_seq") with { Origin = "target column default" }]);

        Assert.Equal([configured], entries);
    }

    [Theory]
    [InlineData("numeric(5,0)", 98_998, false)]
    [InlineData("numeric(5,0)", 99_000, true)]
    [InlineData("numeric(7,2)", 99_000, true)]
    [InlineData("numeric", 10_000_000, false)]
    public void A_constrained_numeric_key_column_blocks_a_value_it_cannot_hold(string type, long key, bool blocked)
    {
        var entry = Entry("ledger", "id", "ledger_seq");
        var plan = AdvancementPlanner.Plan(Settings(1_000, true, entry), Source(), Target(State(entry, Sequence("ledger_seq"), key, type)));

        Assert.Equal(blocked, plan.Findings.Any(f => f.Code == FindingCatalog.ColumnTypeOverflow));
    }

    [Fact]
    public void The_sequence_a_column_default_calls_takes_the_source_value_its_mapping_matched_by_name()
    {
        var mapped = Entry("orders", "id", "orders_seq");
        var fromDefault = Entry("orders", "id", "orders_id_seq") with { Origin = "target column default" };
        var plan = AdvancementPlanner.Plan(Settings(500, true, mapped), Source(OracleSeq("ORDERS_SEQ", 5_000)),
            Target(State(mapped, Sequence("orders_seq"), 4_000), State(fromDefault, Sequence("orders_id_seq"), 4_000)));

        Assert.All(plan.Sequences, row => Assert.Equal(5_500, row.NewValue));
    }

    [Fact]
    public void A_found_column_fed_by_a_resolved_sequence_that_cannot_be_used_blocks_the_run()
    {
        var configured = Entry("t1", "id", "s");
        var fed = Entry("t2", "id", "s") with { Origin = "target dependency" };
        var problem = TargetProblem.Create(FindingCatalog.KeyColumnNotInteger, "public.t2.id", ("column", "public.t2.id"), ("type", "double precision"), ("location", "target dependency"));
        var plan = AdvancementPlanner.Plan(Settings(100, true, configured), Source(),
            Target(State(configured, Sequence("s"), 10), new TargetEntryState(fed, null, Sequence("s"), null, [problem])));

        Assert.True(plan.IsBlocked);
        Assert.Contains(plan.Findings, f => f.Code == FindingCatalog.KeyColumnNotInteger && f.Severity == Severity.Blocking);
    }

    [Fact]
    public void A_key_the_read_back_could_not_read_fails_verification()
    {
        var entry = Entry("orders", "order_id", "orders_seq");
        var plan = AdvancementPlanner.Plan(Settings(100, true, entry), Source(), Target(State(entry, Sequence("orders_seq"), 5_000)));
        var failure = TargetProblem.Create(FindingCatalog.KeyReadTimeout, "public.orders.order_id", ("end", "highest"), ("column", "public.orders.order_id"), ("size", null), ("seconds", 5.0));
        var reading = Target(State(entry, Sequence("orders_seq", 5_100, isCalled: true), null) with { KeyFailure = failure });

        var (results, findings) = Verifier.Verify(plan, reading);

        Assert.False(Assert.Single(results).Passed);
        Assert.Contains(findings, f => f.Code == FindingCatalog.VerificationFailed);
    }

    private static CutoverReport Report(ReportStatus status, IReadOnlyList<Finding> findings, AdvancementPlan? plan = null,
        IReadOnlyList<SequenceVerification>? verification = null) =>
        new("verify", status, DateTimeOffset.UnixEpoch, "cutover.yaml", "none", null, "postgresql://t",
            plan ?? new AdvancementPlan([], findings, true), findings, null, verification, []);
}
