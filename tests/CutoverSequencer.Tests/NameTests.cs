using CutoverSequencer.Cli;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Tests;

public class NameTests
{
    [Theory]
    [InlineData("account", "public", "account")]
    [InlineData("ACCOUNT", "public", "account")]
    [InlineData("Finance.Account", "finance", "account")]
    [InlineData("\"Finance\".\"Account\"", "Finance", "Account")]
    [InlineData("\"with \"\"quote\"\"\"", "public", "with \"quote\"")]
    [InlineData("\"a.b\"", "public", "a.b")]
    [InlineData("größe", "public", "größe")]
    public void Parses_names_the_PostgreSQL_way(string text, string schema, string name) =>
        Assert.Equal(new QualifiedName(schema, name), QualifiedName.Parse(text, "public"));

    [Theory]
    [InlineData("")]
    [InlineData("a.b.c")]
    [InlineData("account;drop table x")]
    [InlineData("\"unterminated")]
    [InlineData("1abc")]
    [InlineData("a.")]
    [InlineData("\"\"")]
    public void Rejects_what_PostgreSQL_would_not_read_as_a_name(string text) =>
        Assert.Throws<FormatException>(() => QualifiedName.Parse(text, "public"));

    [Fact]
    public void Quotes_every_part_for_sql_and_only_where_needed_for_display()
    {
        var name = new QualifiedName("Billing", "in\"voice");

        Assert.Equal("\"Billing\".\"in\"\"voice\"", name.ToSql());
        Assert.Equal("\"Billing\".\"in\"\"voice\"", name.ToString());
        Assert.Equal("public.account_seq", new QualifiedName("public", "account_seq").ToString());
    }
}

public class DocumentationTests
{
    [Fact]
    public void Every_finding_code_is_documented_with_its_severity()
    {
        var doc = File.ReadAllText(Path.Combine(Repository.Root, "docs", "findings.md"));

        foreach (var definition in CutoverSequencer.Core.Findings.FindingCatalog.All)
        {
            Assert.Contains($"| `{definition.Code}` | {definition.Severity.ToString().ToLowerInvariant()} |", doc, StringComparison.Ordinal);
        }
    }
}

[Collection("process environment")]
public class ExampleConfigurationTests
{
    public static TheoryData<string> Examples =>
        [.. Directory.GetFiles(Path.Combine(Repository.Root, "configs"), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_shipped_example_configuration_loads(string relativePath)
    {
        foreach (var variable in new[] { "CUTOVER_TARGET_CS", "CUTOVER_SOURCE_CS", "CUTOVER_NODE1_CS", "CUTOVER_NODE2_CS", "ORACLE_CS" })
        {
            Environment.SetEnvironmentVariable(variable, "Host=example");
        }

        var config = CutoverSequencer.Core.Configuration.ConfigLoader.Load(Path.Combine(Repository.Root, relativePath), SourceKinds.All);

        Assert.Equal("Host=example", config.Target.ConnectionString);
    }
}
