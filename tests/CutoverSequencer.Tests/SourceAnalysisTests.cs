using CutoverSequencer.Core.Analysis;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

public class GuidAnalyzerTests
{
    private static SourceColumn Column(string name, string type, int length) =>
        new("FINANCE", "SESSION_TOKEN", name, type, type == "RAW" ? length : length, type == "RAW" ? null : length, "columns.csv:2");

    private static SourceValueSample Sample(string column, string value) => new("FINANCE", "SESSION_TOKEN", column, value);

    [Theory]
    [InlineData("TOKEN_ID", "VARCHAR2", 32, "6F9619FF8B86D011B42D00C04FC964FF", GuidForm.Hex32)]
    [InlineData("TOKEN_ID", "VARCHAR2", 32, "6f9619ff8b86d011b42d00c04fc964ff", GuidForm.Hex32)]
    [InlineData("TOKEN_GUID", "CHAR", 36, "6F9619FF-8B86-D011-B42D-00C04FC964FF", GuidForm.Dashed36)]
    [InlineData("TOKEN_UUID", "VARCHAR2", 38, "{6F9619FF-8B86-D011-B42D-00C04FC964FF}", GuidForm.Braced38)]
    [InlineData("TOKEN_ID", "RAW", 16, "6F9619FF8B86D011B42D00C04FC964FF", GuidForm.Raw16)]
    public void Confirms_guid_columns_in_every_stored_form(string name, string type, int length, string value, GuidForm form)
    {
        var found = Assert.Single(GuidAnalyzer.Analyze([Column(name, type, length)], [Sample(name, value), Sample(name, value)]));

        Assert.Equal([form], found.Forms);
        Assert.Equal(2, found.SampleCount);
    }

    [Theory]
    [InlineData("TOKEN_ID", "VARCHAR2", 32, "ORD-0000000000000000000000000123")]
    [InlineData("TOKEN_ID", "VARCHAR2", 36, "6F9619FF-8B86-D011-B42D-00C04FC964FZ")]
    [InlineData("TOKEN_ID", "VARCHAR2", 36, "6F9619FF8B86-D011-B42D-00C04FC964FF0")]
    [InlineData("TOKEN", "VARCHAR2", 32, "6F9619FF8B86D011B42D00C04FC964FF")]
    [InlineData("TOKEN_ID", "VARCHAR2", 40, "6F9619FF8B86D011B42D00C04FC964FF")]
    [InlineData("TOKEN_ID", "NUMBER", 22, "6F9619FF8B86D011B42D00C04FC964FF")]
    public void Rejects_look_alikes_and_non_candidates(string name, string type, int length, string value) =>
        Assert.Empty(GuidAnalyzer.Analyze([Column(name, type, length)], [Sample(name, value)]));

    [Fact]
    public void One_value_that_is_not_a_guid_is_enough_to_reject()
    {
        var samples = new[] { Sample("TOKEN_ID", "6F9619FF8B86D011B42D00C04FC964FF"), Sample("TOKEN_ID", "legacy-token-000000000000000000") };

        Assert.Empty(GuidAnalyzer.Analyze([Column("TOKEN_ID", "VARCHAR2", 32)], samples));
    }

    [Fact]
    public void Without_samples_nothing_is_claimed() =>
        Assert.Empty(GuidAnalyzer.Analyze([Column("TOKEN_ID", "VARCHAR2", 32)], []));
}

public class SourceAnalysisTests
{
    private static CutoverConfig Config(params TableEntry[] entries) =>
        new("cutover.yaml", new SourceConfig("oracle-export", "/x", null, []), new TargetConfig("Host=x", "public"),
            new AdvancementConfig(true, 10_000, entries));

    private static SourceTrigger Trigger(string table, string text, string status = "ENABLED") =>
        new("FINANCE", table + "_BI", "FINANCE", table, "BEFORE EACH ROW", "INSERT", status, null, text, "triggers.csv:2");

    [Fact]
    public void A_trigger_fed_key_becomes_a_mapping_with_reviewable_ddl()
    {
        var source = Source(OracleSeq("ORDER_SEQ", 500)) with
        {
            Triggers = [Trigger("ORDERS", "BEGIN :NEW.order_id := order_seq.NEXTVAL; END;")],
        };

        var result = SourceAnalysis.Analyze(source, Config());

        var entry = Assert.Single(result.Entries);
        Assert.Equal(new QualifiedName("public", "orders"), entry.Table);
        Assert.Equal("order_id", entry.PkColumn);
        Assert.Equal(new QualifiedName("public", "order_seq"), entry.Sequence);
        Assert.Equal("trigger FINANCE.ORDERS_BI", entry.Origin);
        Assert.False(entry.IsConfigured);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCatalog.TriggerSequencePattern, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("ALTER TABLE public.orders ALTER COLUMN order_id SET DEFAULT nextval('public.order_seq');", finding.Resolution, StringComparison.Ordinal);
        Assert.Equal("-- FINANCE.ORDERS_BI (enabled, :NEW := NEXTVAL)\nALTER TABLE public.orders ALTER COLUMN order_id SET DEFAULT nextval('public.order_seq');", Assert.Single(result.PostLoadDefaults));
    }

    [Fact]
    public void A_key_filled_from_a_package_call_is_reported_with_its_function_and_not_mapped()
    {
        var source = Source(OracleSeq("ORDER_SEQ", 500)) with
        {
            Triggers = [Trigger("ORDERS", "BEGIN\n  :NEW.order_id := id_pkg.next_id();\nEND;")],
        };

        var result = SourceAnalysis.Analyze(source, Config());

        Assert.Empty(result.Entries);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCatalog.TriggerKeyFromFunction, finding.Code);
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal("FINANCE.ORDERS_BI", finding.Object);
        Assert.StartsWith("Trigger FINANCE.ORDERS_BI fills FINANCE.ORDERS.ORDER_ID from ID_PKG.NEXT_ID() (line 2: ",
            finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_entry_wins_over_the_trigger_mapping_and_keeps_its_source_sequence()
    {
        var configured = Entry("orders", "order_id", "orders_id_seq", margin: 7);
        var source = Source(OracleSeq("ORDER_SEQ", 500)) with
        {
            Triggers = [Trigger("ORDERS", "BEGIN :NEW.order_id := order_seq.NEXTVAL; END;", status: "DISABLED")],
        };

        var result = SourceAnalysis.Analyze(source, Config(configured));

        // Listed only for its own margin: the source value the trigger analysis found still counts.
        var entry = Assert.Single(result.Entries);
        Assert.Equal(configured with { SourceSequence = "\"FINANCE\".\"ORDER_SEQ\"", SourceOrigin = entry.SourceOrigin }, entry);
        Assert.StartsWith("trigger ", entry.SourceOrigin, StringComparison.Ordinal);
        Assert.Contains("DISABLED", Assert.Single(result.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_identity_column_maps_its_system_sequence_so_it_is_not_reported_unmapped()
    {
        var source = Source(OracleSeq("ISEQ$$_74512", 9_001)) with
        {
            IdentityColumns = [new SourceIdentityColumn("FINANCE", "CUSTOMER", "CUSTOMER_ID", "BY DEFAULT", "ISEQ$$_74512", "identity_columns.csv:2")],
        };

        var result = SourceAnalysis.Analyze(source, Config());
        var entry = Assert.Single(result.Entries);
        var target = Target(State(entry, Sequence("customer_customer_id_seq"), 9_000));
        var plan = AdvancementPlanner.Plan(Config().SequenceAdvancement, source, target);

        Assert.Null(entry.Sequence);
        Assert.Equal("\"FINANCE\".\"ISEQ$$_74512\"", entry.SourceSequence);
        Assert.Equal(19_001, plan.Sequences[0].NewValue);
        Assert.DoesNotContain(plan.Findings, f => f.Code == FindingCatalog.UnmappedSourceSequence);
    }

    [Fact]
    public void A_derived_mapping_missing_in_the_target_warns_instead_of_blocking()
    {
        var derived = Entry("orders", "order_id", "order_seq") with { Origin = "trigger FINANCE.ORDERS_BI", SourceSequence = "\"FINANCE\".\"ORDER_SEQ\"" };
        var missing = new TargetEntryState(derived, null, null, null,
            [TargetProblem.Create(FindingCatalog.TableNotFound, "public.orders", ("table", "public.orders"), ("location", "config.yaml:3"))]);

        var plan = AdvancementPlanner.Plan(Config().SequenceAdvancement, Source(OracleSeq("ORDER_SEQ", 5)), Target(missing));

        Assert.False(plan.IsBlocked);
        Assert.Empty(plan.Sequences);
        Assert.Equal([FindingCatalog.DiscoveredMappingUnresolved], plan.Findings.Select(f => f.Code));
    }

    [Fact]
    public void A_guid_key_column_gets_both_options_with_the_conversion()
    {
        var source = Source() with
        {
            Columns = [new SourceColumn("FINANCE", "SESSION_TOKEN", "TOKEN_ID", "VARCHAR2", 32, 32, "columns.csv:2")],
            Samples = [new SourceValueSample("FINANCE", "SESSION_TOKEN", "TOKEN_ID", "6F9619FF8B86D011B42D00C04FC964FF")],
        };

        var finding = Assert.Single(SourceAnalysis.Analyze(source, Config()).Findings);

        Assert.Equal(FindingCatalog.UuidColumn, finding.Code);
        Assert.Equal("FINANCE.SESSION_TOKEN.TOKEN_ID", finding.Object);
        Assert.Contains("keep it as text", finding.Resolution, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE public.session_token ALTER COLUMN token_id TYPE uuid USING token_id::uuid;", finding.Resolution, StringComparison.Ordinal);
    }
}
