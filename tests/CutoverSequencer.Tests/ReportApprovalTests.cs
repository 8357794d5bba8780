using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Stage;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

/// <summary>
/// The Markdown and JSON renderings compared with approved files. On a difference the new text is
/// written beside the approved file as *.received.* for review; approve it by renaming.
/// </summary>
public class ReportApprovalTests
{
    private static readonly DateTimeOffset Generated = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    internal static CutoverReport VerifiedSeedRun()
    {
        var (settings, source, target) = FinancialSchema();
        var plan = AdvancementPlanner.Plan(settings, source with { CapturedAt = Generated.AddHours(-3) }, target);
        var after = target with
        {
            Entries = [.. target.Entries.Select((e, i) => e with { Sequence = e.Sequence! with { LastValue = (long)plan.Sequences[i].NewValue!.Value, IsCalled = true } })],
        };
        var (verification, findings) = Verifier.Verify(plan, after);
        return new CutoverReport("apply", ReportStatus.Verified, Generated, "configs/sample/cutover.yaml", source.Description,
            Generated.AddHours(-3), target.Description, plan, [.. plan.Findings, .. findings],
            new ApplyResult([.. plan.Sequences.Select(s => s.Sequence!)], null, null), verification,
            [new("inspect source", TimeSpan.FromMilliseconds(12)), new("inspect target", TimeSpan.FromMilliseconds(140)),
             new("plan", TimeSpan.FromMilliseconds(3)), new("apply", TimeSpan.FromMilliseconds(9)), new("verify", TimeSpan.FromMilliseconds(15))]);
    }

    internal static CutoverReport BlockedPlan()
    {
        var ticket = Entry("ticket", "ticket_id", "ticket_seq", line: 10);
        var account = Entry("account", "account_id", "account_seq", line: 11);
        var plan = AdvancementPlanner.Plan(
            Settings(10_000, true, ticket, account),
            Source(OracleSeq("ACCOUNT_SEQ", 847_331), OracleSeq("AUDIT_EVENT_SEQ", 12)),
            Target(State(ticket, Sequence("ticket_seq", cache: 20), 2_147_480_000, columnType: "integer"),
                   State(account, Sequence("account_seq", lastValue: 900_000, isCalled: true), 847_290)));
        return new CutoverReport("plan", ReportStatus.Blocked, Generated, "cutover.yaml", "oracle-export ./export", null,
            "postgresql://migrator@db:5432/finance", plan, plan.Findings, null, null,
            [new("inspect source", TimeSpan.FromMilliseconds(4)), new("inspect target", TimeSpan.FromMilliseconds(30)), new("plan", TimeSpan.FromMilliseconds(1))]);
    }

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
