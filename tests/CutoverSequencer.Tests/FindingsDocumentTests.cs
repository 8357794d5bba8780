using CutoverSequencer.Core.Findings;

namespace CutoverSequencer.Tests;

public class FindingsDocumentTests
{
    private static string DocPath => Path.Combine(Repository.Root, "docs", "findings.md");

    /// <summary>Set CUTOVER_UPDATE_DOCS=1 to rewrite docs/findings.md from the catalog instead of comparing.</summary>
    [Fact]
    public void The_findings_reference_table_is_the_catalog_rendered()
    {
        var current = File.ReadAllText(DocPath);
        var expected = FindingsTable.Update(current);
        if (Environment.GetEnvironmentVariable("CUTOVER_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(DocPath, expected);
            return;
        }

        Assert.True(expected == current,
            "docs/findings.md does not match FindingCatalog.All. Regenerate it with: " +
            "CUTOVER_UPDATE_DOCS=1 dotnet test tests/CutoverSequencer.Tests " +
            "--filter FullyQualifiedName~FindingsDocumentTests");
    }

    [Fact]
    public void Every_message_template_names_arguments_and_renders_with_them()
    {
        foreach (var definition in FindingCatalog.All)
        {
            foreach (var template in new[] { definition.Message }.Concat(definition.Variants.Values).OfType<string>())
            {
                var arguments = FindingTemplate.Names(template).Distinct(StringComparer.Ordinal)
                    .Select(n => new FindingArgument(n, n == "size" ? 8192L : (object)"x")).ToList();

                var message = FindingTemplate.Render(template, arguments);

                Assert.DoesNotContain("{", message, StringComparison.Ordinal);
                Assert.DoesNotContain("[", message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_bracketed_part_is_left_out_when_its_argument_is_null()
    {
        var message = FindingTemplate.Render("took {a:N0}[; {b:0.0} s].", [new("a", 12345L), new("b", null)]);

        Assert.Equal("took 12,345.", message);
    }
}
