using System.Text.Json;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Stage;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

/// <summary>
/// The JSON files the tool writes follow their published schemas (docs/schemas/, draft 2020-12),
/// checked with JsonSchema.Net; the integration suite validates every file its runs write as well.
/// </summary>
public sealed class JsonSchemaTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Every_published_schema_is_a_draft_2020_12_schema()
    {
        var schemas = Directory.GetFiles(Path.Combine(Repository.Root, "docs", "schemas"), "*.schema.json");

        Assert.Equal(JsonSchemas.ByFile.Values.Order(), schemas.Select(Path.GetFileName).Order());
        foreach (var schema in schemas)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(schema));
            Assert.Equal("https://json-schema.org/draft/2020-12/schema",
                document.RootElement.GetProperty("$schema").GetString());
        }
    }

    [Fact]
    public void The_reports_of_a_verified_apply_and_of_a_blocked_plan_follow_the_report_schema()
    {
        foreach (var report in new[] { ReportApprovalTests.VerifiedSeedRun(), ReportApprovalTests.BlockedPlan() })
        {
            JsonSchemas.AssertValid("cutover-report.schema.json", JsonReportRenderer.Render(report), report.Command);
            JsonSchemas.AssertValid("cutover-report.schema.json", JsonReportRenderer.Render(report, files.Root),
                report.Command + " in a directory");
        }
    }

    [Fact]
    public void Reports_written_into_a_directory_follow_the_schema_and_name_their_files_with_full_paths()
    {
        var directory = Path.Combine(files.Root, "run");
        ReportWriter.Write(ReportApprovalTests.VerifiedSeedRun(), directory);

        Assert.Equal(1, JsonSchemas.AssertDirectoryValid(directory));
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, ReportWriter.JsonFile)));
        var reports = document.RootElement.GetProperty("summary").GetProperty("reports");
        Assert.Equal(Path.GetFullPath(directory), reports.GetProperty("directory").GetString());
        Assert.Equal(Path.Combine(Path.GetFullPath(directory), "cutover-report.html"),
            reports.GetProperty("html").GetString());
        // No journal in this directory: the summary does not name one.
        Assert.Equal(JsonValueKind.Null, reports.GetProperty("journal").ValueKind);
    }

    [Fact]
    public void The_summary_counts_the_rows_by_action_and_the_findings_by_severity()
    {
        var report = ReportApprovalTests.BlockedPlan();

        using var document = JsonDocument.Parse(JsonReportRenderer.Render(report));
        var summary = document.RootElement.GetProperty("summary");

        Assert.Equal("blocked", summary.GetProperty("status").GetString());
        Assert.Equal(report.ExitCode, summary.GetProperty("exitCode").GetInt32());
        Assert.Equal(report.Plan.Sequences.Count, summary.GetProperty("sequences").GetInt32());
        var actions = summary.GetProperty("actions");
        Assert.Equal(report.Plan.Sequences.Count(s => s.Action == PlanAction.Blocked),
            actions.GetProperty("blocked").GetInt32());
        Assert.Equal(report.Plan.Sequences.Count(s => s.Action == PlanAction.Unchanged),
            actions.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, actions.GetProperty("set").GetInt32());
        var severities = summary.GetProperty("severities");
        Assert.Equal(report.Findings.Count, summary.GetProperty("findings").GetInt32());
        Assert.Equal(report.Findings.Count,
            severities.EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.Equal(1, severities.GetProperty("blocking").GetInt32());
    }

    [Fact]
    public void A_report_without_its_summary_or_with_an_unknown_action_does_not_follow_the_schema()
    {
        var json = JsonReportRenderer.Render(ReportApprovalTests.VerifiedSeedRun());
        var withoutSummary = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        withoutSummary.Remove("summary");
        var unknownAction = json.Replace("\"action\": \"advance\"", "\"action\": \"jump\"", StringComparison.Ordinal);

        Assert.Contains(JsonSchemas.Problems("cutover-report.schema.json", withoutSummary.ToJsonString()),
            p => p.Contains("summary", StringComparison.Ordinal));
        Assert.NotEmpty(JsonSchemas.Problems("cutover-report.schema.json", unknownAction));
    }

    [Fact]
    public void A_journal_follows_its_schema_when_begun_and_when_finished()
    {
        var (settings, source, target) = FinancialSchema();
        var plan = AdvancementPlanner.Plan(settings, source, target);
        var path = Path.Combine(files.Root, ApplyJournal.FileName);

        var journal = ApplyJournal.Begin(path, "postgresql://migrator@pg:5432/finance", "cutover.yaml",
            plan.Sequences, Now);
        JsonSchemas.AssertFileValid(path);
        journal.MarkSet([plan.Sequences[0].Sequence!]);
        journal.Finish(JournalDocument.Completed, null, Now.AddSeconds(1));

        Assert.True(JsonSchemas.AssertFileValid(path));
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(JournalDocument.CurrentSchemaVersion, document.RootElement.GetProperty("schemaVersion").GetString());
        Assert.Equal("cutover-sequencer", document.RootElement.GetProperty("tool").GetProperty("name").GetString());
    }

    [Fact]
    public void A_journal_written_before_schemaVersion_existed_gets_it_and_a_tool_when_rewritten()
    {
        var path = files.Write(ApplyJournal.FileName, """
            { "version": 1, "target": "postgresql://x@h:5432/d", "config": "c.yaml",
              "startedAt": "2026-11-21T03:00:00+00:00", "status": "failed", "finishedAt": null, "error": "lost",
              "sequences": [ { "schema": "public", "name": "s", "sequence": "public.s",
                "before": { "lastValue": 1, "isCalled": false, "increment": 1 },
                "planned": { "newValue": 1100, "nextValue": 1101, "increment": 1 }, "state": "set" } ] }
            """);

        ApplyJournal.Update(path, j => j with { Status = JournalDocument.RolledBack });

        Assert.True(JsonSchemas.AssertFileValid(path));
    }

    [Fact]
    public void Rollback_reports_follow_their_schema_whether_restored_or_refused()
    {
        foreach (var refused in new[] { false, true })
        {
            var json = RollbackReportWriter.Json(JournalAndReportDirectoryTests.Rollback(refused));
            JsonSchemas.AssertValid("rollback-report.schema.json", json, refused ? "refused" : "rolled back");
        }
    }
}
