using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Tests;

/// <summary>
/// The Markdown and JSON renderings compared with approved files. On a difference the new text is
/// written beside the approved file as *.received.* for review; approve it by renaming.
/// </summary>
public class ReportApprovalTests
{
    internal static CutoverReport VerifiedSeedRun() => SampleReports.VerifiedSeedRun();

    internal static CutoverReport BlockedPlan() => SampleReports.BlockedPlan();

    [Fact]
    public void Markdown_of_a_verified_apply_matches_the_approved_file() =>
        Approve("verified-apply.md", MarkdownReportRenderer.Render(VerifiedSeedRun()));

    [Fact]
    public void Json_of_a_verified_apply_matches_the_approved_file() =>
        Approve("verified-apply.json", JsonReportRenderer.Render(VerifiedSeedRun()));

    [Fact]
    public void Markdown_of_a_blocked_plan_matches_the_approved_file() =>
        Approve("blocked-plan.md", MarkdownReportRenderer.Render(BlockedPlan()));

    [Fact]
    public void Json_of_a_blocked_plan_matches_the_approved_file() =>
        Approve("blocked-plan.json", JsonReportRenderer.Render(BlockedPlan()));

    [Fact]
    public void Html_is_self_contained_and_escapes_names()
    {
        var report = VerifiedSeedRun() with { ConfigFile = "<script>alert(1)</script>.yaml" };

        var html = HtmlReportRenderer.Render(report);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_of_a_blocked_plan_lists_the_blocking_finding_first_and_marks_its_row()
    {
        var html = HtmlReportRenderer.Render(BlockedPlan());

        var list = html.IndexOf("<ul class=\"blocking\">", StringComparison.Ordinal);
        Assert.True(list >= 0 && list < html.IndexOf("<h2>Operations brief</h2>", StringComparison.Ordinal));
        Assert.Contains("<code>COLUMN_TYPE_OVERFLOW</code> <a href=\"#seq-1\">public.ticket.ticket_id</a>", html,
            StringComparison.Ordinal);
        Assert.Contains("<tr id=\"seq-1\" class=\"blocked\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr id=\"seq-2\">", html, StringComparison.Ordinal);
        Assert.Contains("<thead>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_brief_table_holds_the_values_of_the_brief_sentences()
    {
        var report = VerifiedSeedRun();

        var html = HtmlReportRenderer.Render(report);

        Assert.Contains("<th class=\"num\">Last loaded key</th><th class=\"num\">Source high-water mark</th>", html,
            StringComparison.Ordinal);
        Assert.Contains("<td class=\"id\">public.account_seq</td><td class=\"id\">public.account.account_id</td>" +
            "<td class=\"num\">847,290</td><td class=\"num\">847,331</td><td class=\"num\">857,332 (read back)</td>",
            html, StringComparison.Ordinal);
        Assert.Contains("public.account_seq (public.account.account_id): last loaded key 847,290; source high-water " +
            "mark 847,331; first new value 857,332 (read back)", MarkdownReportRenderer.Render(report),
            StringComparison.Ordinal);
        Assert.Contains("No blocking findings.", html, StringComparison.Ordinal);
    }

    /// <summary>The tool's version and commit change with every build: the approved files hold placeholders.</summary>
    private static string Scrubbed(string json) => json
        .Replace($"\"version\": \"{Core.Runtime.ToolVersion.Version}\"", "\"version\": \"<version>\"", StringComparison.Ordinal)
        .Replace($"\"commit\": \"{Core.Runtime.ToolVersion.Commit}\"", "\"commit\": \"<commit>\"", StringComparison.Ordinal);

    internal static void Approve(string name, string received)
    {
        received = Scrubbed(received);
        var directory = Path.Combine(Repository.Root, "tests", "CutoverSequencer.Tests", "Approved");
        var extension = Path.GetExtension(name);
        var approvedPath = Path.Combine(directory, Path.GetFileNameWithoutExtension(name) + ".approved" + extension);
        var receivedPath = Path.Combine(directory, Path.GetFileNameWithoutExtension(name) + ".received" + extension);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : null;
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, received);
        Assert.Fail($"{name} differs from {approvedPath}; see {receivedPath}");
    }
}
