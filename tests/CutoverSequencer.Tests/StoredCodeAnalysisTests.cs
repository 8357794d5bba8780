using CutoverSequencer.Core.Analysis;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Oracle.Export;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

/// <summary>Mappings read from Oracle column defaults and from stored code (Pattern B), through to the plan's entries.</summary>
public sealed class StoredCodeAnalysisTests
{
    private static readonly SourceSequence[] Sequences =
        [OracleSeq("INVOICE_SEQ", 31_209), OracleSeq("STATEMENT_SEQ", 402_117), OracleSeq("Mixed_Seq", 10),
            OracleSeq("NOTE_SEQ", 5, owner: "CRM")];

    private static CutoverConfig Config(bool discover = true, params TableEntry[] entries) =>
        new("cutover.yaml", new SourceConfig("oracle-export", "/x", null, []), new TargetConfig("Host=x", "public"),
            new AdvancementConfig(true, 10_000, entries) { Discover = discover });

    private static SourceColumn Column(string table, string column, string? dataDefault, string owner = "FINANCE") =>
        new(owner, table, column, "NUMBER", 22, 0, "columns.csv:2") { DataDefault = dataDefault };

    private static SourceCatalog Catalog(IReadOnlyList<SourceColumn>? columns = null,
        IReadOnlyList<SourceRoutine>? routines = null, IReadOnlyList<SourceIdentityColumn>? identities = null) =>
        new("oracle-export", "test", Sequences)
        {
            Columns = columns ?? [], Routines = routines ?? [], IdentityColumns = identities ?? [],
        };

    private static SourceRoutine Routine(string text, params string[] depends) =>
        new("FINANCE", "STATEMENT_API", "PACKAGE BODY", text, "source_code.csv:2") { ReferencedSequences = depends };

    private const string StatementApi = """
        PACKAGE BODY statement_api AS
          PROCEDURE add_line(p_account NUMBER) IS
            v_id NUMBER;
          BEGIN
            SELECT statement_seq.NEXTVAL INTO v_id FROM DUAL;
            INSERT INTO statement_line (statement_line_id, account_id) VALUES (v_id, p_account);
          END;
        END;
        """;

    [Theory]
    [InlineData("\"FINANCE\".\"INVOICE_SEQ\".\"NEXTVAL\"")]
    [InlineData("invoice_seq.nextval")]
    [InlineData("  FINANCE.INVOICE_SEQ.NEXTVAL\n")]
    [InlineData("NVL(NULL, \"INVOICE_SEQ\".\"NEXTVAL\")")]
    public void A_column_default_of_a_sequences_NEXTVAL_maps_the_column_to_it(string dataDefault)
    {
        var result = SourceAnalysis.Analyze(Catalog([Column("INVOICE", "INVOICE_ID", dataDefault)]), Config(false));

        var entry = Assert.Single(result.Entries);
        Assert.Equal(("public.invoice", "invoice_id", "public.invoice_seq"),
            (entry.Table!.ToString(), entry.PkColumn, entry.Sequence!.ToString()));
        Assert.Equal("\"FINANCE\".\"INVOICE_SEQ\"", entry.SourceSequence);
        Assert.Equal(SourceAnalysis.ColumnDefaultOrigin, entry.Origin);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("INVOICE_SEQ.NEXTVAL * 10")]
    [InlineData("INVOICE_SEQ.CURRVAL")]
    [InlineData("UNKNOWN_SEQ.NEXTVAL")]
    [InlineData("'INVOICE_SEQ.NEXTVAL'")]
    [InlineData(null)]
    public void A_default_that_is_not_a_known_sequences_value_maps_nothing(string? dataDefault)
    {
        var result = SourceAnalysis.Analyze(Catalog([Column("INVOICE", "INVOICE_ID", dataDefault)]), Config(false));

        Assert.Empty(result.Entries);
    }

    [Fact]
    public void An_identity_columns_default_is_read_as_the_identity_not_as_a_default()
    {
        var identity = new SourceIdentityColumn("FINANCE", "INVOICE", "INVOICE_ID", "BY DEFAULT", "INVOICE_SEQ", "x");
        var result = SourceAnalysis.Analyze(
            Catalog([Column("INVOICE", "INVOICE_ID", "\"FINANCE\".\"INVOICE_SEQ\".\"NEXTVAL\"")], identities: [identity]),
            Config(false));

        Assert.StartsWith("identity column", Assert.Single(result.Entries).Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_entry_wins_over_the_column_default()
    {
        var configured = new TableEntry(Core.Naming.QualifiedName.Parse("invoice", "public"), "invoice_id", null, 500,
            null, "cutover.yaml:9");

        var result = SourceAnalysis.Analyze(Catalog([Column("INVOICE", "INVOICE_ID", "INVOICE_SEQ.NEXTVAL")]),
            Config(false, configured));

        var entry = Assert.Single(result.Entries);
        Assert.Equal(("configuration", 500L, "\"FINANCE\".\"INVOICE_SEQ\""),
            (entry.Origin, entry.SafetyMargin, entry.SourceSequence));
    }

    [Fact]
    public void A_certain_stored_code_flow_maps_the_table_with_discovery_and_says_so()
    {
        var result = SourceAnalysis.Analyze(Catalog(routines: [Routine(StatementApi, "FINANCE.STATEMENT_SEQ")]),
            Config(discover: true));

        var entry = Assert.Single(result.Entries);
        Assert.Equal(("public.statement_line", "statement_line_id", "\"FINANCE\".\"STATEMENT_SEQ\""),
            (entry.Table!.ToString(), entry.PkColumn, entry.SourceSequence));
        Assert.Equal("PL/SQL FINANCE.STATEMENT_API.ADD_LINE", entry.Origin);
        var finding = Assert.Single(result.Findings, f => f.Code == FindingCatalog.PlSqlSequenceUsage);
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.EndsWith("): mapped.", finding.Message, StringComparison.Ordinal);
        Assert.Contains("line 5: SELECT statement_seq.NEXTVAL INTO v_id FROM DUAL", finding.Message, StringComparison.Ordinal);
        Assert.Contains("- { table: public.statement_line, pkColumn: statement_line_id, sourceSequence: FINANCE.STATEMENT_SEQ }",
            finding.Resolution, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_discovery_a_certain_flow_is_a_proposal_with_the_entry_to_paste()
    {
        var result = SourceAnalysis.Analyze(Catalog(routines: [Routine(StatementApi, "FINANCE.STATEMENT_SEQ")]),
            Config(discover: false));

        Assert.Empty(result.Entries);
        var finding = Assert.Single(result.Findings, f => f.Code == FindingCatalog.PlSqlSequenceUsage);
        Assert.Contains("not mapped automatically", finding.Message, StringComparison.Ordinal);
        Assert.Contains("pkColumn: statement_line_id", finding.Resolution, StringComparison.Ordinal);
    }

    [Fact]
    public void A_likely_flow_is_never_mapped_and_blocks_nothing()
    {
        var conditional = StatementApi.Replace("    SELECT statement_seq.NEXTVAL INTO v_id FROM DUAL;",
            "    IF p_account > 0 THEN SELECT statement_seq.NEXTVAL INTO v_id FROM DUAL; END IF;", StringComparison.Ordinal);

        var result = SourceAnalysis.Analyze(Catalog(routines: [Routine(conditional, "FINANCE.STATEMENT_SEQ")]), Config());

        Assert.Empty(result.Entries);
        var finding = Assert.Single(result.Findings, f => f.Code == FindingCatalog.PlSqlSequenceUsage);
        Assert.Contains("(likely;", finding.Message, StringComparison.Ordinal);
        Assert.NotEqual(Severity.Blocking, finding.Severity);
    }

    [Fact]
    public void A_column_two_sequences_feed_in_code_is_not_mapped_from_code()
    {
        var two = new SourceRoutine("FINANCE", "LINES", "PROCEDURE", """
            PROCEDURE lines IS
            BEGIN
              INSERT INTO statement_line (statement_line_id) VALUES (statement_seq.NEXTVAL);
              INSERT INTO statement_line (statement_line_id) VALUES (invoice_seq.NEXTVAL);
            END;
            """, "source_code.csv:30") { ReferencedSequences = ["FINANCE.STATEMENT_SEQ", "FINANCE.INVOICE_SEQ"] };

        var result = SourceAnalysis.Analyze(Catalog(routines: [two]), Config());

        Assert.Empty(result.Entries);
        Assert.Equal(2, result.Findings.Count(f => f.Code == FindingCatalog.PlSqlSequenceUsage));
    }

    [Fact]
    public void An_insert_without_a_column_list_is_reported_with_the_value_position_and_not_mapped()
    {
        var routine = Routine("""
            PACKAGE BODY statement_api AS
              PROCEDURE add_line IS
              BEGIN
                INSERT INTO statement_line VALUES (statement_seq.NEXTVAL, 1);
              END;
            END;
            """, "FINANCE.STATEMENT_SEQ");

        var result = SourceAnalysis.Analyze(Catalog(routines: [routine]), Config());

        Assert.Empty(result.Entries);
        var finding = Assert.Single(result.Findings, f => f.Code == FindingCatalog.PlSqlSequenceUsage);
        Assert.StartsWith("Value 1 of an INSERT into FINANCE.STATEMENT_LINE that lists no columns", finding.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Column_defaults_and_stored_code_are_read_from_the_export_files()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(Path.Combine(directory.Root, "sequences.csv"),
            "\"SEQUENCE_OWNER\",\"SEQUENCE_NAME\",\"MIN_VALUE\",\"MAX_VALUE\",\"INCREMENT_BY\",\"CYCLE_FLAG\"," +
            "\"ORDER_FLAG\",\"CACHE_SIZE\",\"LAST_NUMBER\"\n" +
            "\"FINANCE\",\"INVOICE_SEQ\",1,999999999,1,\"N\",\"N\",20,31209\n" +
            "\"FINANCE\",\"STATEMENT_SEQ\",1,999999999,1,\"N\",\"N\",20,402117\n");
        File.WriteAllText(Path.Combine(directory.Root, "columns.csv"),
            "\"OWNER\",\"TABLE_NAME\",\"COLUMN_NAME\",\"DATA_TYPE\",\"DATA_LENGTH\",\"CHAR_LENGTH\",\"DATA_DEFAULT\"\n" +
            "\"FINANCE\",\"INVOICE\",\"INVOICE_ID\",\"NUMBER\",22,0,\"\"\"FINANCE\"\".\"\"INVOICE_SEQ\"\".\"\"NEXTVAL\"\"\"\n");
        var lines = StatementApi.Split('\n');
        File.WriteAllText(Path.Combine(directory.Root, "source_code.csv"),
            "\"OWNER\",\"NAME\",\"TYPE\",\"LINE\",\"TEXT\"\n" + string.Concat(lines.Select((l, i) =>
                $"\"FINANCE\",\"STATEMENT_API\",\"PACKAGE BODY\",{i + 1},\"{l.Replace("\"", "\"\"", StringComparison.Ordinal)}\n\"\n")));
        File.WriteAllText(Path.Combine(directory.Root, "dependencies.csv"),
            "\"OWNER\",\"NAME\",\"TYPE\",\"REFERENCED_OWNER\",\"REFERENCED_NAME\",\"REFERENCED_TYPE\"\n" +
            "\"FINANCE\",\"STATEMENT_API\",\"PACKAGE BODY\",\"FINANCE\",\"STATEMENT_SEQ\",\"SEQUENCE\"\n");

        var catalog = new OracleExportReader(directory.Root, ["FINANCE"]).Read();
        var result = SourceAnalysis.Analyze(catalog, Config());

        Assert.Equal(["public.invoice <- \"FINANCE\".\"INVOICE_SEQ\" (source column default)",
                "public.statement_line <- \"FINANCE\".\"STATEMENT_SEQ\" (PL/SQL FINANCE.STATEMENT_API.ADD_LINE)"],
            result.Entries.Select(e => $"{e.Table} <- {e.SourceSequence} ({e.Origin})").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Code_in_another_schema_is_kept_when_it_uses_a_listed_owners_sequence()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(Path.Combine(directory.Root, "sequences.csv"),
            "\"SEQUENCE_OWNER\",\"SEQUENCE_NAME\",\"MIN_VALUE\",\"MAX_VALUE\",\"INCREMENT_BY\",\"CYCLE_FLAG\"," +
            "\"ORDER_FLAG\",\"CACHE_SIZE\",\"LAST_NUMBER\"\n\"FINANCE\",\"STATEMENT_SEQ\",1,999999999,1,\"N\",\"N\",20,7\n");
        File.WriteAllText(Path.Combine(directory.Root, "source_code.csv"),
            "\"OWNER\",\"NAME\",\"TYPE\",\"LINE\",\"TEXT\"\n\"APPCODE\",\"P\",\"PROCEDURE\",1,\"PROCEDURE p IS BEGIN\"\n" +
            "\"OTHER\",\"Q\",\"PROCEDURE\",1,\"PROCEDURE q IS BEGIN NULL; END;\"\n");
        File.WriteAllText(Path.Combine(directory.Root, "dependencies.csv"),
            "\"OWNER\",\"NAME\",\"TYPE\",\"REFERENCED_OWNER\",\"REFERENCED_NAME\",\"REFERENCED_TYPE\"\n" +
            "\"APPCODE\",\"P\",\"PROCEDURE\",\"FINANCE\",\"STATEMENT_SEQ\",\"SEQUENCE\"\n");

        var catalog = new OracleExportReader(directory.Root, ["FINANCE"]).Read();

        Assert.Equal("APPCODE.P", Assert.Single(catalog.Routines).FullName);
    }

    [Fact]
    public void One_source_sequence_feeding_several_tables_counts_every_table_in_the_plan()
    {
        var trigger = new SourceTrigger("FINANCE", "STATEMENT_BI", "FINANCE", "STATEMENT", "BEFORE EACH ROW", "INSERT",
            "ENABLED", null, "TRIGGER statement_bi BEFORE INSERT ON statement FOR EACH ROW\nBEGIN\n" +
            "  :NEW.statement_id := statement_seq.NEXTVAL;\nEND;", "triggers.csv:2");
        var source = Catalog([Column("STATEMENT_DRAFT", "DRAFT_ID", "STATEMENT_SEQ.NEXTVAL")],
            [Routine(StatementApi, "FINANCE.STATEMENT_SEQ")]) with { Triggers = [trigger] };
        var config = Config();
        var entries = SourceAnalysis.Analyze(source, config).Entries;
        var shared = Sequence("statement_seq");
        var keys = new Dictionary<string, long>
        {
            ["public.statement"] = 400_000, ["public.statement_draft"] = 402_900, ["public.statement_line"] = 401_000,
        };

        var plan = Core.Planning.AdvancementPlanner.Plan(config.SequenceAdvancement, source,
            Target([.. entries.Select(e => State(e, shared, keys[e.Table!.ToString()]))]));

        var row = Assert.Single(plan.Sequences);
        Assert.Equal(["public.statement", "public.statement_draft", "public.statement_line"],
            row.Entries.Select(e => e.Table!.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(402_117, row.SourceLast);
        Assert.Equal(402_900, row.TargetMax);
        Assert.Equal(412_900, row.NewValue);
    }

    [Fact]
    public void A_trigger_key_from_a_function_that_returns_NEXTVAL_is_mapped_to_that_sequence()
    {
        var trigger = new SourceTrigger("FINANCE", "STATEMENT_LINE_BI", "FINANCE", "STATEMENT_LINE", "BEFORE EACH ROW",
            "INSERT", "ENABLED", null, "TRIGGER statement_line_bi BEFORE INSERT ON statement_line FOR EACH ROW\n" +
            "BEGIN\n  :NEW.statement_line_id := ids.next_line_id;\nEND;", "triggers.csv:2");
        var ids = new SourceRoutine("FINANCE", "IDS", "PACKAGE BODY", """
            PACKAGE BODY ids AS
              FUNCTION next_line_id RETURN NUMBER IS
              BEGIN
                RETURN statement_seq.NEXTVAL;
              END;
            END ids;
            """, "source_code.csv:2") { ReferencedSequences = ["FINANCE.STATEMENT_SEQ"] };

        var result = SourceAnalysis.Analyze(Catalog(routines: [ids]) with { Triggers = [trigger] }, Config(false));

        var entry = Assert.Single(result.Entries);
        Assert.Equal(("public.statement_line", "\"FINANCE\".\"STATEMENT_SEQ\""), (entry.Table!.ToString(), entry.SourceSequence));
        Assert.Equal("trigger FINANCE.STATEMENT_LINE_BI through IDS.NEXT_LINE_ID()", entry.Origin);
        var finding = Assert.Single(result.Findings, f => f.Code == FindingCatalog.TriggerKeyFromFunction);
        Assert.EndsWith("mapped to FINANCE.STATEMENT_SEQ.", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trigger_key_from_a_function_the_code_does_not_show_stays_unmapped()
    {
        var trigger = new SourceTrigger("FINANCE", "STATEMENT_LINE_BI", "FINANCE", "STATEMENT_LINE", "BEFORE EACH ROW",
            "INSERT", "ENABLED", null, "TRIGGER statement_line_bi BEFORE INSERT ON statement_line FOR EACH ROW\n" +
            "BEGIN\n  :NEW.statement_line_id := ids.next_line_id;\nEND;", "triggers.csv:2");

        var result = SourceAnalysis.Analyze(Catalog() with { Triggers = [trigger] }, Config(false));

        Assert.Empty(result.Entries);
        Assert.Single(result.Findings, f => f.Code == FindingCatalog.TriggerKeyFromFunction);
    }
}
