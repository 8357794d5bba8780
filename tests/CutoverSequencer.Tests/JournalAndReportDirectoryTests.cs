using CutoverSequencer.Core.Sequences;
using CutoverSequencer.Cli;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Testing;

namespace CutoverSequencer.Tests;

/// <summary>
/// rollback --journal refuses what is not a journal; a used --report-dir is refused unless --force,
/// which moves the earlier files aside; the rollback report; exit 5 and interruption exit codes.
/// </summary>
public sealed class JournalAndReportDirectoryTests : IDisposable
{
    private const string Target = "postgresql://migrator@pg:5432/finance";
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory files = new();

    public void Dispose() => files.Dispose();

    private static string Journal(string status = "in-progress", string entry = """
        { "schema": "public", "name": "s1", "sequence": "public.s1",
          "before": { "lastValue": 1, "isCalled": false, "increment": 1 },
          "planned": { "newValue": 1100, "nextValue": 1101, "increment": 1 }, "state": "set" }
        """) => $$"""
        {
          "version": 1,
          "target": "{{Target}}",
          "config": "cutover.yaml",
          "startedAt": "2026-11-21T03:00:00+00:00",
          "status": "{{status}}",
          "finishedAt": null,
          "error": null,
          "sequences": [{{entry}}]
        }
        """;

    private string ReadError(string name, string content)
    {
        var path = files.Write(name, content);
        var message = Assert.Throws<InvalidInputException>(() => ApplyJournal.Read(path)).Message;
        Assert.StartsWith(path + ": ", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        return message[(path.Length + 2)..];
    }

    [Fact]
    public void A_journal_reads_back()
    {
        var journal = ApplyJournal.Read(files.Write("apply-journal.json", Journal()));

        Assert.Equal(Target, journal.Target);
        Assert.Equal(1101, Assert.Single(journal.Sequences).Planned.NextValue);
    }

    [Theory]
    [InlineData("", "not an apply journal: the file is empty")]
    [InlineData("hello, this is a text file\n", "not an apply journal: invalid JSON at line 1")]
    [InlineData("{ \"version\": 1, ", "not an apply journal: invalid JSON at line 1")]
    [InlineData("null", "not an apply journal: the file holds JSON null")]
    [InlineData("[1, 2]", "not an apply journal: the document has the wrong type")]
    [InlineData("{ \"version\": \"one\" }", "not an apply journal: 'version' has the wrong type")]
    [InlineData("{ \"tool\": \"cutover-sequencer\", \"command\": \"apply\", \"status\": \"verified\", \"target\": \"postgresql://x\", \"sequences\": [ { \"sequence\": \"public.s\", \"action\": \"advance\" } ] }",
        "not an apply journal: it looks like a report (cutover-report.json or rollback-report.json)")]
    [InlineData("{ \"version\": 1, \"config\": \"c\", \"startedAt\": \"2026-11-21T03:00:00Z\", \"status\": \"failed\", \"sequences\": [] }", "not an apply journal: 'target' is missing")]
    [InlineData("{ \"version\": 1, \"target\": \"t\", \"config\": \"c\", \"startedAt\": \"2026-11-21T03:00:00Z\", \"status\": \"failed\" }", "not an apply journal: 'sequences' is missing")]
    [InlineData("{ \"version\": 2, \"target\": \"t\", \"config\": \"c\", \"startedAt\": \"2026-11-21T03:00:00Z\", \"status\": \"failed\", \"sequences\": [] }", "not an apply journal: version 2 is not one this tool reads (1)")]
    public void What_is_not_an_apply_journal_is_refused_naming_the_file_and_the_problem(string content, string expected) =>
        Assert.StartsWith(expected, ReadError("apply-journal.json", content), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{ "schema": "public", "name": "s1", "sequence": "public.s1", "planned": { "newValue": 2, "nextValue": 3, "increment": 1 }, "state": "set" }""", "sequences[0] has no 'before'")]
    [InlineData("""{ "schema": "public", "name": "s1", "sequence": "public.s1", "before": { "lastValue": 1, "isCalled": false, "increment": 1 }, "state": "set" }""", "sequences[0] has no 'planned'")]
    [InlineData("""{ "name": "s1", "sequence": "public.s1", "before": { "lastValue": 1, "isCalled": false, "increment": 1 }, "planned": { "newValue": 2, "nextValue": 3, "increment": 1 }, "state": "set" }""", "sequences[0] has no 'schema'")]
    [InlineData("""{ "schema": "public", "name": "s1", "sequence": "public.s1", "before": { "lastValue": 1, "isCalled": false }, "planned": { "newValue": 2, "nextValue": 3, "increment": 1 }, "state": "set" }""", "sequences[0] has no 'increment' (or a zero one)")]
    [InlineData("null", "sequences[0] is null")]
    public void A_journal_entry_missing_fields_is_refused(string entry, string expected) =>
        Assert.Equal("not an apply journal: " + expected, ReadError("apply-journal.json", Journal(entry: entry)));

    [Fact]
    public void A_report_directory_holding_an_earlier_run_is_refused_without_force()
    {
        files.Write("run/cutover-report.json", "{}");
        files.Write("run/apply-journal.json", Journal());
        var directory = Path.Combine(files.Root, "run");

        var message = Assert.Throws<InvalidInputException>(() => ReportWriter.PrepareDirectory(directory, force: false, Now)).Message;

        Assert.Equal($"--report-dir {directory}: already holds an earlier run's cutover-report.json, apply-journal.json; use a new directory, or --force to move them aside into earlier-<timestamp>/", message);
        Assert.True(File.Exists(Path.Combine(directory, "apply-journal.json")));
    }

    [Theory]
    [InlineData("rollback-report.md")]
    [InlineData("cutover-report.html")]
    [InlineData("post-load-defaults.sql")]
    public void Any_earlier_report_file_marks_the_directory_as_used(string file)
    {
        files.Write($"run/{file}", "x");

        Assert.Throws<InvalidInputException>(() => ReportWriter.PrepareDirectory(Path.Combine(files.Root, "run"), force: false, Now));
    }

    [Fact]
    public void An_empty_new_or_unrelated_directory_is_accepted()
    {
        files.Write("run/notes.txt", "mine");

        Assert.Empty(ReportWriter.PrepareDirectory(Path.Combine(files.Root, "run"), force: false, Now));
        Assert.Empty(ReportWriter.PrepareDirectory(Path.Combine(files.Root, "new", "deeper"), force: false, Now));
        Assert.False(Directory.Exists(Path.Combine(files.Root, "new")));
    }

    [Fact]
    public void A_report_directory_that_is_a_file_is_refused()
    {
        var file = files.Write("reports", "x");

        Assert.EndsWith("is a file, not a directory", Assert.Throws<InvalidInputException>(() => ReportWriter.PrepareDirectory(file, force: true, Now)).Message, StringComparison.Ordinal);
        Assert.EndsWith($"{file} is a file, not a directory",
            Assert.Throws<InvalidInputException>(() => ReportWriter.PrepareDirectory(Path.Combine(file, "run"), force: true, Now)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_force_the_earlier_files_are_moved_aside_never_overwritten_and_an_incomplete_journal_is_still_found()
    {
        files.Write("run/cutover-report.md", "first");
        files.Write("run/apply-journal.json", Journal());
        var directory = Path.Combine(files.Root, "run");

        var moved = ReportWriter.PrepareDirectory(directory, force: true, Now);
        files.Write("run/cutover-report.md", "second");
        var again = ReportWriter.PrepareDirectory(directory, force: true, Now);

        var first = Path.Combine(directory, "earlier-20261121-030000");
        Assert.Equal(Path.Combine(first, "apply-journal.json"), moved[Path.Combine(directory, "apply-journal.json")]);
        Assert.Equal("first", File.ReadAllText(Path.Combine(first, "cutover-report.md")));
        Assert.Equal("second", File.ReadAllText(Path.Combine(directory, "earlier-20261121-030000-2", "cutover-report.md")));
        Assert.Single(again);
        Assert.False(File.Exists(Path.Combine(directory, "cutover-report.md")));

        // A re-run in the same directory, or beside it, still sees the incomplete apply.
        Assert.Single(ApplyJournal.FindIncomplete(directory, Target));
        Assert.Single(ApplyJournal.FindIncomplete(Path.Combine(files.Root, "rerun"), Target));
    }

    [Fact]
    public void A_watch_re_advance_journal_is_found_by_a_later_run_in_the_watch_directory_or_beside_it()
    {
        files.Write("watch/re-advance-1/apply-journal.json", Journal());
        files.Write("watch/watch-status.json", "{}");

        Assert.Single(ApplyJournal.FindIncomplete(Path.Combine(files.Root, "watch"), Target));
        Assert.Single(ApplyJournal.FindIncomplete(Path.Combine(files.Root, "apply-again"), Target));
        Assert.Single(ApplyJournal.FindIncomplete(Path.Combine(files.Root, "watch", "re-advance-2"), Target));
        // The watch's own files mark its directory as used.
        Assert.Throws<InvalidInputException>(() =>
            ReportWriter.PrepareDirectory(Path.Combine(files.Root, "watch"), force: false, Now));
    }

    internal static RollbackReport Rollback(bool refused) => new(Now, "/r/apply/apply-journal.json", Target, "cutover.yaml", Forced: false, refused,
    [
        new RollbackRow(Entry("public.account_seq"), refused ? "would restore" : "restored", new SequenceReading(857331, true, 1), refused ? new SequenceReading(857331, true, 1) : new SequenceReading(1, false, 1)),
        new RollbackRow(Entry("public.\"<script>alert(1)</script>\""), refused ? "moved" : "unchanged", new SequenceReading(1, false, 1), new SequenceReading(1, false, 1)),
        new RollbackRow(Entry("public.gone_seq"), "missing", null, null),
    ]);

    private static JournalEntry Entry(string name) =>
        new("public", name, name, new JournalPosition(1, false, 1), new JournalPlan(857331, 857332, 1), JournalEntry.Set);

    [Fact]
    public void The_rollback_report_lists_each_sequence_with_its_pre_apply_planned_and_read_back_state()
    {
        var report = Rollback(refused: false);

        var markdown = RollbackReportWriter.Markdown(report);
        var json = System.Text.Json.JsonDocument.Parse(RollbackReportWriter.Json(report)).RootElement;

        Assert.Contains("# Rollback report: rolled-back", markdown, StringComparison.Ordinal);
        Assert.Contains("| `public.account_seq` | restored | 1, false, 1 | 857,332 | 857,331, true, 1 | 1, false, 1 | 1 |", markdown, StringComparison.Ordinal);
        Assert.Equal("rollback", json.GetProperty("command").GetString());
        Assert.Equal("rolled-back", json.GetProperty("status").GetString());
        Assert.Equal(0, json.GetProperty("exitCode").GetInt32());
        var account = json.GetProperty("sequences")[0];
        Assert.Equal("restored", account.GetProperty("action").GetString());
        Assert.Equal(1, account.GetProperty("readBack").GetProperty("nextValue").GetInt64());
        Assert.False(account.GetProperty("readBack").GetProperty("isCalled").GetBoolean());
        Assert.Equal(857332, account.GetProperty("planned").GetProperty("nextValue").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("sequences")[2].GetProperty("readBack").ValueKind);
    }

    [Fact]
    public void The_rollback_html_is_self_contained_and_encoded()
    {
        var html = RollbackReportWriter.Html(Rollback(refused: true));

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
        Assert.Contains("REFUSED", html, StringComparison.Ordinal);
        Assert.Contains("would restore", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_exception_exits_5_with_one_line()
    {
        using var error = new StringWriter();

        var code = await CliApp.GuardAsync("text", verbose: false, error, _ => throw new NullReferenceException("Object reference not set to an instance of an object."));

        Assert.Equal(ExitCodes.InternalError, code);
        Assert.Equal("error: internal error: Object reference not set to an instance of an object." + Environment.NewLine, error.ToString());
    }

    [Fact]
    public async Task An_unexpected_exception_shows_its_stack_trace_only_with_verbose()
    {
        using var error = new StringWriter();

        var code = await CliApp.GuardAsync("text", verbose: true, error, _ => Task.FromException<int>(new InvalidOperationException("broken")));

        Assert.Equal(5, code);
        Assert.StartsWith("error: internal error: broken", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: broken", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interruption_before_any_write_exits_1_and_a_cutover_error_keeps_its_code()
    {
        using var error = new StringWriter();

        Assert.Equal(1, await CliApp.GuardAsync("text", false, error, _ => throw new OperationCanceledException()));
        Assert.Equal(3, await CliApp.GuardAsync("text", false, error, _ => throw new ConnectionFailedException("cannot connect")));
        Assert.Equal(4, await CliApp.GuardAsync("text", false, error, _ => throw new CutoverException("part-way", ExitCodes.ApplyFailedPartway)));
        Assert.Equal("", error.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("plan --help")]
    [InlineData("apply --help")]
    [InlineData("verify --help")]
    [InlineData("rollback --help")]
    [InlineData("export --help")]
    public async Task Help_lists_every_exit_code(string arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(0, await CliApp.RunAsync(arguments.Split(' '), output, error));

        for (var code = 0; code <= 5; code++)
        {
            Assert.Matches($@"(?m)^\s+{code}  \S", output.ToString());
        }
    }

    [Fact]
    public async Task Rollback_help_says_config_is_required_and_takes_a_report_dir()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        await CliApp.RunAsync(["rollback", "--help"], output, error);

        Assert.Contains("--report-dir", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--force", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("holds no password", output.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>Changes the working directory: kept apart from tests running in parallel.</summary>
[Collection("process environment")]
public sealed class DefaultReportDirectoryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Two_default_directories_in_the_same_second_do_not_collide()
    {
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = files.Root;
        try
        {
            var first = ReportWriter.NewDefaultDirectory("plan", Now);
            files.Write("reports/20261121-030000-plan/cutover-report.json", "{}");
            var second = ReportWriter.NewDefaultDirectory("plan", Now);

            Assert.Equal(Path.Combine(files.Root, "reports", "20261121-030000-plan"), first);
            Assert.Equal(first + "-2", second);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }
}
