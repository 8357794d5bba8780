using CutoverSequencer.Cli;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Tests;

[Collection("process environment")]
public class ConfigLoaderTests : IDisposable
{
    private const string Header = """
        source:
          kind: oracle-export
          exportDirectory: ./export
        target:
          connectionString: Host=localhost;Database=finance;Username=migrator
        """;

    private readonly TempDirectory files = new();

    public ConfigLoaderTests() => Directory.CreateDirectory(Path.Combine(files.Root, "export"));

    public void Dispose() => files.Dispose();

    private CutoverConfig Load(string yaml) => ConfigLoader.Load(files.Write("cutover.yaml", yaml), SourceKinds.All);

    private string Error(string yaml) => Assert.Throws<InvalidInputException>(() => Load(yaml)).Message;

    [Fact]
    public void Loads_the_seed_sequence_advancement_block_verbatim()
    {
        var config = Load(Header + "\n" + """
            sequenceAdvancement:
              enabled: true
              safetyMargin: 10000
              tables:
                - table: account
                  pkColumn: account_id
                  sequence: account_seq
                - table: order_header
                  pkColumn: order_id
                  sequence: order_header_seq
            """);

        Assert.True(config.SequenceAdvancement.Enabled);
        Assert.Equal(10_000, config.SequenceAdvancement.SafetyMargin);
        Assert.Collection(config.SequenceAdvancement.Tables,
            e =>
            {
                Assert.Equal(new QualifiedName("public", "account"), e.Table);
                Assert.Equal("account_id", e.PkColumn);
                Assert.Equal(new QualifiedName("public", "account_seq"), e.Sequence);
            },
            e => Assert.Equal(new QualifiedName("public", "order_header_seq"), e.Sequence));
    }

    [Fact]
    public void Loads_the_contract_example_with_its_unused_environment_reference()
    {
        var config = Load("""
            source:
              kind: oracle-export          # oracle | oracle-export | postgres | none
              exportDirectory: ./export    # oracle-export: the CSV files below
              connectionString: ${ORACLE_CS_NEVER_SET_7F3A}   # oracle / postgres
              schemas: [FINANCE]           # Oracle owners (or PG schemas) to read
            target:
              connectionString: Host=...;Database=...;Username=...
              schema: public               # default schema for unqualified names
            sequenceAdvancement:
              enabled: true
              safetyMargin: 10000
              tables:
                - table: account
                  pkColumn: account_id
                  sequence: account_seq
                  safetyMargin: 50000      # optional per-table override
            """);

        Assert.Equal("oracle-export", config.Source.Kind);
        Assert.Equal(["FINANCE"], config.Source.Schemas);
        Assert.Equal(50_000, config.SequenceAdvancement.Tables[0].SafetyMargin);
        Assert.Equal(Path.Combine(files.Root, "export"), config.Source.ExportDirectory);
    }

    [Fact]
    public void Folds_unquoted_names_and_keeps_quoted_ones_exact()
    {
        var config = Load(Header + "\n  schema: Finance\n" + """
            sequenceAdvancement:
              tables:
                - table: Account
                  pkColumn: '"AccountId"'
                - table: '"Billing"."Invoice"'
                  pkColumn: id
                  sequence: billing.invoice_seq
                - sequence: ORDER_NUMBER_SEQ
            """);

        var entries = config.SequenceAdvancement.Tables;
        Assert.Equal(new QualifiedName("finance", "account"), entries[0].Table);
        Assert.Equal("AccountId", entries[0].PkColumn);
        Assert.Null(entries[0].Sequence);
        Assert.Equal(new QualifiedName("Billing", "Invoice"), entries[1].Table);
        Assert.Equal(new QualifiedName("billing", "invoice_seq"), entries[1].Sequence);
        Assert.Equal(new QualifiedName("finance", "order_number_seq"), entries[2].Sequence);
        Assert.Null(entries[2].Table);
    }

    [Fact]
    public void A_misspelt_key_names_the_file_and_line_and_suggests_the_right_key()
    {
        var message = Error(Header + "\n" + """
            sequenceAdvancement:
              safetyMargn: 10000
            """);

        Assert.Equal("cutover.yaml:7: unknown key 'safetyMargn' under 'sequenceAdvancement' (did you mean 'safetyMargin'?)",
            Path.GetFileName(message));
    }

    [Theory]
    [InlineData("safetyMargin: lots", "'safetyMargin' must be a whole number, not 'lots'")]
    [InlineData("safetyMargin: 0", "'safetyMargin' must be greater than zero, not 0")]
    [InlineData("safetyMargin: -5", "'safetyMargin' must be greater than zero, not -5")]
    [InlineData("enabled: maybe", "'enabled' must be true or false, not 'maybe'")]
    [InlineData("tables: account", "'sequenceAdvancement.tables' must be a list")]
    public void Wrong_values_are_reported_with_their_line(string line, string expected)
    {
        var message = Error(Header + "\nsequenceAdvancement:\n  " + line + "\n");

        Assert.EndsWith($"cutover.yaml:7: {expected}", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_entries_name_both_lines()
    {
        var message = Error(Header + "\n" + """
            sequenceAdvancement:
              tables:
                - table: account
                  pkColumn: account_id
                - table: ACCOUNT
                  pkColumn: Account_Id
            """);

        Assert.EndsWith("cutover.yaml:10: duplicate entry for public.account.account_id (first listed at " + Path.Combine(files.Root, "cutover.yaml") + ":8)",
            message.Replace(Path.Combine(files.Root, "cutover.yaml"), Path.Combine(files.Root, "cutover.yaml"), StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_export_directory_is_reported_before_anything_connects()
    {
        var message = Error(Header.Replace("./export", "./no-such-export", StringComparison.Ordinal));

        Assert.Contains("cutover.yaml:3: export directory './no-such-export' does not exist", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unset_environment_variable_that_is_needed_is_an_error()
    {
        var message = Error(Header.Replace("Host=localhost;Database=finance;Username=migrator", "${CUTOVER_TEST_UNSET_91C2}", StringComparison.Ordinal));

        Assert.EndsWith("cutover.yaml:5: environment variable CUTOVER_TEST_UNSET_91C2 is not set (used by 'target.connectionString')", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_references_are_resolved()
    {
        Environment.SetEnvironmentVariable("CUTOVER_TEST_CS_4B1D", "Host=db.example;Database=x");
        var config = Load(Header.Replace("Host=localhost;Database=finance;Username=migrator", "${CUTOVER_TEST_CS_4B1D}", StringComparison.Ordinal));

        Assert.Equal("Host=db.example;Database=x", config.Target.ConnectionString);
    }

    [Fact]
    public void Anchors_and_aliases_are_expanded_where_they_are_used()
    {
        var config = Load(Header + "\n" + """
            sequenceAdvancement:
              safetyMargin: &margin 5000
              tables:
                - &account
                  table: account
                  pkColumn: account_id
                  safetyMargin: *margin
                - table: order_header
                  pkColumn: order_id
                  safetyMargin: *margin
            """);

        Assert.Equal([5000L, 5000L], config.SequenceAdvancement.Tables.Select(t => t.SafetyMargin!.Value));
        Assert.Equal("cutover.yaml:13", Path.GetFileName(config.SequenceAdvancement.Tables[1].Location));
    }

    [Fact]
    public void The_same_key_twice_in_one_mapping_is_invalid_yaml_at_its_line()
    {
        var message = Error(Header + "\n" + """
            sequenceAdvancement:
              safetyMargin: 10
              safetyMargin: 20
            """);

        Assert.EndsWith("cutover.yaml:8:3: invalid YAML: Duplicate key 'safetyMargin'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_variables_add_list_items_beyond_the_file()
    {
        Environment.SetEnvironmentVariable("CUTOVER__SEQUENCEADVANCEMENT__TABLES__1__SEQUENCE", "extra_seq");
        try
        {
            var config = Load(Header + "\n" + """
                sequenceAdvancement:
                  tables:
                    - sequence: first_seq
                """);

            Assert.Equal(["public.first_seq", "public.extra_seq"], config.SequenceAdvancement.Tables.Select(t => t.Sequence!.ToString()));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CUTOVER__SEQUENCEADVANCEMENT__TABLES__1__SEQUENCE", null);
        }
    }

    [Fact]
    public void Invalid_yaml_names_its_line()
    {
        var message = Error("source:\n  kind: oracle-export\n target: [unclosed\n");

        Assert.Matches(@"cutover\.yaml:\d+:\d+: invalid YAML: ", message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_one_per_line()
    {
        var message = Error("""
            source:
              kind: sql-server
            target:
              conectionString: x
            sequenceAdvancement:
              safetyMargin: -1
            """);

        var lines = message.Split(Environment.NewLine);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.EndsWith("cutover.yaml:4: unknown key 'conectionString' under 'target' (did you mean 'connectionString'?)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("cutover.yaml:2: 'source.kind' is 'sql-server'; expected oracle, oracle-export, postgres or none", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("'target.connectionString' is required", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("cutover.yaml:6: 'safetyMargin' must be greater than zero, not -1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2h", 120)]
    [InlineData("90m", 90)]
    [InlineData("1h30m", 90)]
    [InlineData("PT45M", 45)]
    [InlineData("1d", 1440)]
    public void Reads_catch_up_windows(string text, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Load(Header + $"\nsequenceAdvancement:\n  catchUpWindow: {text}\n").SequenceAdvancement.CatchUpWindow);

    [Fact]
    public void Reads_interleave_schema_mapping_folding_and_rates()
    {
        var config = Load(Header + "\n  schema: app\n" + """
            sequenceAdvancement:
              discover: true
              rateHeadroom: 1.5
              interleave: { nodes: 3, node: 2 }
              tables:
                - table: account
                  pkColumn: account_id
                  expectedInsertsPerHour: 2500
            """);

        Assert.Equal(new Interleave(3, 2), config.SequenceAdvancement.Interleave);
        Assert.Equal(2, config.SequenceAdvancement.Interleave!.Residue);
        Assert.True(config.SequenceAdvancement.Discover);
        Assert.Equal(1.5m, config.SequenceAdvancement.RateHeadroom);
        Assert.Equal(2500, config.SequenceAdvancement.Tables[0].ExpectedInsertsPerHour);
    }

    [Fact]
    public void Maps_oracle_owners_to_schemas()
    {
        var config = Load(Header.Replace("  exportDirectory: ./export", "  exportDirectory: ./export\n  nameFolding: preserve\n  schemaMapping:\n    finance: Fin\n    '\"Audit\"': '\"Audit Log\"'", StringComparison.Ordinal));

        Assert.Equal("fin", config.Names.Schema("FINANCE"));
        Assert.Equal("Audit Log", config.Names.Schema("Audit"));
        Assert.Equal("public", config.Names.Schema("HR"));
        Assert.Equal("ACCOUNT_SEQ", config.Names.Name("ACCOUNT_SEQ"));
    }

    [Theory]
    [InlineData("catchUpWindow: soon", "'catchUpWindow' is 'soon', not a duration (accepted: 200ms, 1.5s, 45s, 2m, 90m, 1h30m, 1d, or ISO 8601 such as PT30S, PT1H30M)")]
    [InlineData("interleave: { nodes: 2, node: 3 }", "'node' must be between 1 and nodes (2), not 3")]
    [InlineData("interleave: { nodes: 2, node: 0 }", "'node' must be greater than zero, not 0")]
    [InlineData("rateHeadroom: 0.5", "'rateHeadroom' must be a number of at least 1, not '0.5'")]
    public void Bad_rate_and_interleave_settings_are_reported_with_their_line(string line, string expected) =>
        Assert.EndsWith($"cutover.yaml:7: {expected}", Error(Header + "\nsequenceAdvancement:\n  " + line + "\n"), StringComparison.Ordinal);

    [Fact]
    public void An_empty_file_is_an_error() =>
        Assert.EndsWith("the configuration file is empty", Error(""), StringComparison.Ordinal);

    [Fact]
    public void A_missing_file_is_an_error() =>
        Assert.EndsWith("configuration file not found",
            Assert.Throws<InvalidInputException>(() => ConfigLoader.Load(Path.Combine(files.Root, "nope.yaml"), SourceKinds.All)).Message, StringComparison.Ordinal);
}

[CollectionDefinition("process environment", DisableParallelization = true)]
public class ProcessEnvironmentCollection;

[Collection("process environment")]
public class ConfigEnvironmentOverrideTests : IDisposable
{
    private readonly TempDirectory files = new();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("CUTOVER__SEQUENCEADVANCEMENT__SAFETYMARGIN", null);
        Environment.SetEnvironmentVariable("CUTOVER__TARGET__CONECTIONSTRING", null);
        files.Dispose();
    }

    private string Config() => files.Write("cutover.yaml", """
        source:
          kind: none
        target:
          connectionString: Host=localhost
        sequenceAdvancement:
          safetyMargin: 10000
        """);

    [Fact]
    public void A_CUTOVER_variable_overrides_the_file()
    {
        Environment.SetEnvironmentVariable("CUTOVER__SEQUENCEADVANCEMENT__SAFETYMARGIN", "25000");

        Assert.Equal(25_000, ConfigLoader.Load(Config(), SourceKinds.All).SequenceAdvancement.SafetyMargin);
    }

    [Fact]
    public void A_bad_override_names_the_variable()
    {
        Environment.SetEnvironmentVariable("CUTOVER__SEQUENCEADVANCEMENT__SAFETYMARGIN", "zero");

        var message = Assert.Throws<InvalidInputException>(() => ConfigLoader.Load(Config(), SourceKinds.All)).Message;
        Assert.Equal("environment variable CUTOVER__SEQUENCEADVANCEMENT__SAFETYMARGIN: 'safetyMargin' must be a whole number, not 'zero'", message);
    }

    [Fact]
    public void A_misspelt_override_variable_is_an_error()
    {
        Environment.SetEnvironmentVariable("CUTOVER__TARGET__CONECTIONSTRING", "Host=x");

        var message = Assert.Throws<InvalidInputException>(() => ConfigLoader.Load(Config(), SourceKinds.All)).Message;
        Assert.Equal("environment variable CUTOVER__TARGET__CONECTIONSTRING: unknown key 'CONECTIONSTRING' under 'target' (did you mean 'connectionString'?)", message);
    }
}
