using CutoverSequencer.Cli;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;

namespace CutoverSequencer.Tests;

/// <summary>Durations, YAML syntax errors, source keys per kind, target.schemas and writeLockTimeout.</summary>
[Collection("process environment")]
public class ConfigInputTests : IDisposable
{
    private const string Target = """
        target:
          connectionString: Host=localhost;Database=finance;Username=migrator
        """;

    private readonly TempDirectory files = new();

    public ConfigInputTests() => Directory.CreateDirectory(Path.Combine(files.Root, "export"));

    public void Dispose() => files.Dispose();

    private CutoverConfig Load(string yaml) => ConfigLoader.Load(files.Write("cutover.yaml", yaml), SourceKinds.All);

    private string Error(string yaml) => Path.GetFileName(Assert.Throws<InvalidInputException>(() => Load(yaml)).Message);

    private static string None(string target = Target) => "source:\n  kind: none\n" + target + "\n";

    [Theory]
    [InlineData("200ms", 200)]
    [InlineData("1.5s", 1500)]
    [InlineData("45s", 45_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1h 30m", 5_400_000)]
    [InlineData("1s500ms", 1500)]
    [InlineData("PT30S", 30_000)]
    [InlineData("PT1H30M", 5_400_000)]
    [InlineData("pt0.5s", 500)]
    public void Every_duration_key_takes_the_documented_forms(string text, long milliseconds)
    {
        var config = Load(None(Target + $"\n  statementTimeout: {text}\n  lockTimeout: {text}\n  writeLockTimeout: {text}") +
            $"sequenceAdvancement:\n  catchUpWindow: {text}\n");

        var expected = TimeSpan.FromMilliseconds(milliseconds);
        Assert.Equal(expected, config.Target.StatementTimeout);
        Assert.Equal(expected, config.Target.LockTimeout);
        Assert.Equal(expected, config.Target.WriteLockTimeout);
        Assert.Equal(expected, config.SequenceAdvancement.CatchUpWindow);
    }

    [Theory]
    [InlineData("statementTimeout: 90", "cutover.yaml:5: 'statementTimeout' is '90' without a unit: write 90s for seconds or 90ms for milliseconds")]
    [InlineData("lockTimeout: soon", "cutover.yaml:5: 'lockTimeout' is 'soon', not a duration (accepted: 200ms, 1.5s, 45s, 2m, 90m, 1h30m, 1d, or ISO 8601 such as PT30S, PT1H30M)")]
    [InlineData("writeLockTimeout: 0s", "cutover.yaml:5: 'writeLockTimeout' must be longer than zero, not '0s'")]
    [InlineData("writeLockTimeout: -PT5S", "cutover.yaml:5: 'writeLockTimeout' must be longer than zero, not '-PT5S'")]
    [InlineData("lockTimeout: PT", "cutover.yaml:5: 'lockTimeout' is 'PT', not a duration (accepted:")]
    [InlineData("lockTimeout: 5 seconds", "cutover.yaml:5: 'lockTimeout' is '5 seconds', not a duration (accepted:")]
    public void A_bad_duration_names_the_file_line_and_the_accepted_forms(string line, string expected) =>
        Assert.StartsWith(expected, Error(None(Target + "\n  " + line)), StringComparison.Ordinal);

    [Fact]
    public void Write_lock_timeout_defaults_to_five_seconds_and_schemas_to_the_target_schema()
    {
        var config = Load(None(Target + "\n  schema: Finance"));

        Assert.Equal(TimeSpan.FromSeconds(5), config.Target.WriteLockTimeout);
        Assert.Equal(["finance"], config.Target.Schemas);
    }

    [Fact]
    public void Target_schemas_follow_postgresql_name_rules()
    {
        var config = Load(None(Target + "\n  schemas: [Public, '\"Billing\"', audit]"));

        Assert.Equal(["public", "Billing", "audit"], config.Target.Schemas);
        Assert.Equal("public", config.Target.Schema);
    }

    [Theory]
    [InlineData("schemas: []", "cutover.yaml:5: 'target.schemas' is empty: list at least one schema")]
    [InlineData("schemas: [public, Public]", "cutover.yaml:5: 'target.schemas' lists public twice")]
    [InlineData("schemas: [public, '']", "cutover.yaml:5: 'target.schemas' has an empty name")]
    [InlineData("schemas: ['\"unclosed']", "cutover.yaml:5: 'target.schemas': ")]
    [InlineData("schemas: public", "cutover.yaml:5: 'target.schemas' must be a list")]
    public void Bad_target_schemas_are_refused_with_their_line(string line, string expected) =>
        Assert.StartsWith(expected, Error(None(Target + "\n  " + line)), StringComparison.Ordinal);

    [Theory]
    [InlineData("none", "  schemas: [FINANCE]", "cutover.yaml:3: 'source.schemas' has no effect with source.kind none: nothing is read from a source (use kind: postgres or oracle to read one), or remove it")]
    [InlineData("none", "  exportDirectory: ./export", "cutover.yaml:3: 'source.exportDirectory' has no effect with source.kind none: use kind: oracle-export to read an export, or remove it")]
    [InlineData("none", "  connectionString: Host=old", "cutover.yaml:3: 'source.connectionString' has no effect with source.kind none: use kind: postgres or oracle")]
    [InlineData("none", "  schemaMapping: { FINANCE: fin }", "cutover.yaml:3: 'source.schemaMapping' has no effect with source.kind none")]
    [InlineData("postgres", "  connectionString: Host=old\n  exportDirectory: ./export", "cutover.yaml:4: 'source.exportDirectory' has no effect with source.kind postgres: use kind: oracle-export to read an export")]
    [InlineData("oracle", "  connectionString: Data Source=x\n  schemas: [A]\n  exportDirectory: ./export", "cutover.yaml:5: 'source.exportDirectory' has no effect with source.kind oracle")]
    [InlineData("oracle-export", "  exportDirectory: ./export\n  driverPath: ./odp.dll", "cutover.yaml:4: 'source.driverPath' has no effect with source.kind oracle-export: only the live Oracle reader (kind: oracle) loads a driver")]
    [InlineData("postgres", "  connectionString: Host=old\n  driverPath: ./odp.dll", "cutover.yaml:4: 'source.driverPath' has no effect with source.kind postgres")]
    public void A_source_key_the_kind_never_reads_is_refused_naming_what_to_use_instead(string kind, string keys, string expected) =>
        Assert.StartsWith(expected, Error($"source:\n  kind: {kind}\n{keys}\n{Target}\n"), StringComparison.Ordinal);

    [Fact]
    public void A_source_key_without_effect_set_by_an_environment_variable_names_the_variable()
    {
        Environment.SetEnvironmentVariable("CUTOVER__SOURCE__EXPORTDIRECTORY", "./export");
        try
        {
            Assert.StartsWith("environment variable CUTOVER__SOURCE__EXPORTDIRECTORY: 'source.exportDirectory' has no effect with source.kind none",
                Error(None()), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CUTOVER__SOURCE__EXPORTDIRECTORY", null);
        }
    }

    public static TheoryData<string, string, string> YamlSyntax => new()
    {
        { "an unclosed flow sequence", "source:\n  kind: none\n" + Target + "\nsequenceAdvancement:\n  safetyMargin: [1000\n", "cutover.yaml:" },
        { "an unclosed flow mapping", "source: {kind: none\n" + Target + "\n", "cutover.yaml:" },
        { "an unclosed flow mapping at the end", "source:\n  kind: none\n" + Target + "\nsequenceAdvancement: {enabled: true\n", "cutover.yaml:" },
        { "bad indentation", "source:\n  kind: none\n target:\n  connectionString: Host=x\n", "cutover.yaml:3:" },
        { "a tab", "source:\n\tkind: none\n" + Target + "\n", "cutover.yaml:2:" },
        { "an unterminated double quote", "source:\n  kind: \"none\n" + Target + "\n", "cutover.yaml:" },
        { "an unterminated single quote", "source:\n  kind: 'none\n" + Target + "\n", "cutover.yaml:" },
        { "a duplicate key", "source:\n  kind: none\n  kind: none\n" + Target + "\n", "cutover.yaml:3:3: invalid YAML: Duplicate key 'kind'" },
        { "a stray character", "source:\n  kind: none\n" + Target + "\n@oops: 1\n", "cutover.yaml:5:1: invalid YAML: " },
        { "a stray closing bracket", "source:\n  kind: none\n" + Target + "\n]\n", "cutover.yaml:5:1: invalid YAML: " },
        { "a backquote", "source:\n  kind: `none`\n" + Target + "\n", "cutover.yaml:2:9: invalid YAML: " },
    };

    [Theory]
    [MemberData(nameof(YamlSyntax))]
    public void A_yaml_syntax_error_names_the_file_line_and_column(string what, string yaml, string expected)
    {
        var message = Error(yaml);

        Assert.True(message.StartsWith(expected, StringComparison.Ordinal), $"{what}: {message}");
        Assert.Matches(@"^cutover\.yaml:\d+:\d+: invalid YAML: \S", message);
        Assert.DoesNotContain("Operation is not valid", message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Line:", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void An_unclosed_flow_sequence_says_where_it_was_opened()
    {
        var message = Error("source:\n  kind: none\n" + Target + "\nsequenceAdvancement:\n  safetyMargin: [1000\n");

        Assert.Equal("cutover.yaml:7:1: invalid YAML: While parsing a flow sequence, did not find expected ',' or ']'. (the one opened at line 6, column 17)", message);
    }

    [Fact]
    public void An_unclosed_flow_mapping_followed_by_more_keys_says_where_it_was_opened() =>
        Assert.Equal("cutover.yaml:1:14: invalid YAML: the [ or { opened at line 1, column 9 is not closed",
            Error("source: {kind: none\n" + Target + "\n"));

    [Fact]
    public void A_bad_duration_is_reported_beside_a_bad_connection_string()
    {
        var message = Assert.Throws<InvalidInputException>(() => Load("source:\n  kind: none\ntarget:\n  connectionString: host=pg hots=1\n  writeLockTimeout: 90\n")).Message;

        Assert.Contains("cutover.yaml:4: 'target.connectionString' is not a valid PostgreSQL connection string: unknown keyword 'hots'", message, StringComparison.Ordinal);
        Assert.Contains("cutover.yaml:5: 'writeLockTimeout' is '90' without a unit", message, StringComparison.Ordinal);
    }
}
