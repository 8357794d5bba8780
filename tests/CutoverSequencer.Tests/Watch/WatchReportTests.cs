using System.Text.Json;
using CutoverSequencer.Core.Watch;

namespace CutoverSequencer.Tests.Watch;

/// <summary>The status file and the reports: schemas, the history, the chart.</summary>
public sealed class WatchReportTests
{
    private static WatchReport Report(string status = "ended", int? exitCode = 0) =>
        SampleWatch.Report(status, exitCode);

    [Fact]
    public void Markdown_of_a_watch_matches_the_approved_file() =>
        ReportApprovalTests.Approve("watch-report.md", WatchReportWriter.Markdown(Report()));

    [Fact]
    public void Json_of_a_watch_matches_the_approved_file() =>
        ReportApprovalTests.Approve("watch-report.json", WatchReportWriter.ReportJson(Report()));

    [Fact]
    public void The_status_file_and_the_report_follow_their_schemas()
    {
        JsonSchemas.AssertValid("watch-status.schema.json", WatchReportWriter.StatusJson(Report()), "status");
        JsonSchemas.AssertValid("watch-status.schema.json",
            WatchReportWriter.StatusJson(Report("watching", null)), "status while watching");
        JsonSchemas.AssertValid("watch-report.schema.json", WatchReportWriter.ReportJson(Report()), "report");
    }

    [Fact]
    public void The_report_holds_every_round_of_every_sequence_and_the_last_round_alerts_in_the_status()
    {
        using var report = JsonDocument.Parse(WatchReportWriter.ReportJson(Report()));
        var users = report.RootElement.GetProperty("sequences").EnumerateArray()
            .Single(s => s.GetProperty("sequence").GetString() == "public.users_id_seq");
        Assert.Equal([1001L, 701, 401, 101], users.GetProperty("history").EnumerateArray()
            .Select(h => h.GetProperty("marginLeft").GetInt64()));
        Assert.Equal("low", users.GetProperty("state").GetString());
        Assert.Equal(5.0, users.GetProperty("ratePerSecond").GetDouble(), 6);
        var audit = report.RootElement.GetProperty("sequences").EnumerateArray()
            .Single(s => s.GetProperty("sequence").GetString() == "public.audit_seq");
        Assert.Equal("no-reference", audit.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, audit.GetProperty("marginLeft").ValueKind);

        using var status = JsonDocument.Parse(WatchReportWriter.StatusJson(Report()));
        Assert.Equal(4, status.RootElement.GetProperty("round").GetInt32());
        Assert.False(status.RootElement.GetProperty("sequences")[0].TryGetProperty("history", out _));
        Assert.All(status.RootElement.GetProperty("alerts").EnumerateArray(),
            a => Assert.Equal(4, a.GetProperty("round").GetInt32()));
        Assert.Equal("re-advance-1", Path.GetFileName(status.RootElement.GetProperty("reAdvances")[0]
            .GetProperty("directory").GetString()));
    }

    [Fact]
    public void The_html_draws_the_margin_over_time_as_an_inline_svg_with_names_escaped()
    {
        var html = WatchReportWriter.Html(Report());

        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\"", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<polyline", StringSplitOptions.None).Length - 1);
        Assert.Contains("threshold 25%", html, StringComparison.Ordinal);
        Assert.Contains("public.orders_&lt;id&gt;_seq", html, StringComparison.Ordinal);
        Assert.DoesNotContain("orders_<id>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_lists_the_history_the_re_advances_and_the_alerts()
    {
        var markdown = WatchReportWriter.Markdown(Report());

        Assert.Contains("# Watch report: ended", markdown, StringComparison.Ordinal);
        Assert.Contains("| 4 | 03:03:00 | low | 6,301 | 6,200 | 101 | 10.1% |", markdown, StringComparison.Ordinal);
        Assert.Contains("## Re-advances", markdown, StringComparison.Ordinal);
        Assert.Contains("WATCH_MARGIN_LOW", markdown, StringComparison.Ordinal);
        Assert.Contains("chart in the HTML report", markdown, StringComparison.Ordinal);
    }
}
