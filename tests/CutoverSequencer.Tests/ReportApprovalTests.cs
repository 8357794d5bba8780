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

    /// <summary>The tool's version and commit change with every build: the approved files hold placeholders.</summary>
    private static string Scrubbed(string json) => json
        .Replace($"\"version\": \"{Core.Runtime.ToolVersion.Version}\"", "\"version\": \"<version>\"", StringComparison.Ordinal)
        .Replace($"\"commit\": \"{Core.Runtime.ToolVersion.Commit}\"", "\"commit\": \"<commit>\"", StringComparison.Ordinal);

    private static void Approve(string name, string received)
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
