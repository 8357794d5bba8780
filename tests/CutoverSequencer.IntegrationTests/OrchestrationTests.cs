using System.Diagnostics;
using System.Text.Json;

namespace CutoverSequencer.IntegrationTests;

/// <summary>
/// What an orchestrator relies on: with --log-format json every stderr line is JSON and the last is the
/// result event; the recipes of docs/orchestration.md (docs/orchestration/*.sh) run against a real cluster.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OrchestrationTests(PostgresCluster postgres) : IDisposable
{
    private readonly TempDirectory workspace = new();

    public void Dispose() => workspace.Dispose();

    private static string Sample => Path.Combine(Repository.Root, "configs", "sample");

    private static string Recipes => Path.Combine(Repository.Root, "docs", "orchestration");

    /// <summary>Every line parsed as JSON; the last one must be the result event, returned.</summary>
    private static JsonElement ResultEvent(CliResult result)
    {
        Assert.NotEmpty(result.ErrorLines);
        var events = result.ErrorLines.Select(line =>
        {
            try
            {
                return JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException e)
            {
                throw new Xunit.Sdk.XunitException($"not a JSON line on stderr: {line} ({e.Message})");
            }
        }).ToList();
        var last = events[^1].GetProperty("Properties");
        Assert.Equal("result", last.GetProperty("Event").GetString());
        Assert.Equal(result.ExitCode, last.GetProperty("ExitCode").GetInt32());
        // Only the last line is the result event (an event without properties has no "Properties").
        Assert.All(events.SkipLast(1), e => Assert.False(e.TryGetProperty("Properties", out var properties)
            && properties.TryGetProperty("Event", out var name) && name.GetString() == "result"));
        return last;
    }

    [Fact]
    public async Task Usage_and_configuration_errors_are_json_lines_ending_with_an_invalid_input_result()
    {
        var badConfig = workspace.Write("bad.yaml", "source:\n  kind: none\ntarget:\n  connectionString: Host=x\n" +
            "sequenceAdvancement:\n  safetyMargin: -3\n");
        var runs = new[]
        {
            new[] { "plan", "--bogus", "--log-format", "json" },
            new[] { "plan", "--log-format=json" },
            new[] { "frobnicate", "--log-format", "json" },
            new[] { "apply", "--config", Path.Combine(workspace.Root, "missing.yaml"), "--log-format", "json" },
            new[] { "plan", "--config", badConfig, "--log-format", "json", "--verbose" },
            new[] { "rollback", "--config", badConfig, "--journal", badConfig, "--log-format", "json" },
        };
        foreach (var arguments in runs)
        {
            var result = await Cli.RunAsync(null, arguments);

            Assert.True(result.ExitCode == 2, string.Join(' ', arguments) + "\n" + result.Stderr);
            var outcome = ResultEvent(result);
            Assert.Equal("invalid-input", outcome.GetProperty("Status").GetString());
            Assert.Empty(outcome.GetProperty("Reports").EnumerateObject());
            Assert.Contains(result.ErrorLines.SkipLast(1), line =>
                JsonDocument.Parse(line).RootElement.GetProperty("Level").GetString() == "Error");
        }
    }

    [PostgresFact]
    public async Task A_run_s_json_log_ends_with_the_result_event_naming_its_status_and_reports()
    {
        var (config, environment) = await SampleAsync();
        var directory = Path.Combine(workspace.Root, "apply");

        var result = await Cli.RunAsync(environment, "apply", "--config", config, "--report-dir", directory,
            "--log-format", "json");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var outcome = ResultEvent(result);
        Assert.Equal("verified", outcome.GetProperty("Status").GetString());
        Assert.Equal("apply", outcome.GetProperty("Command").GetString());
        var reports = outcome.GetProperty("Reports");
        Assert.Equal(directory, reports.GetProperty("directory").GetString());
        Assert.Equal(Path.Combine(directory, "cutover-report.json"), reports.GetProperty("json").GetString());
        Assert.Equal(Path.Combine(directory, "apply-journal.json"), reports.GetProperty("journal").GetString());
        foreach (var file in new[] { "markdown", "html", "json", "journal", "postLoadDefaults" })
        {
            Assert.True(File.Exists(reports.GetProperty(file).GetString()), file);
        }
        var summary = Cli.Report(directory).GetProperty("summary");
        Assert.Equal(0, summary.GetProperty("exitCode").GetInt32());
        Assert.Equal(summary.GetProperty("sequences").GetInt32(), summary.GetProperty("actions").GetProperty("set").GetInt32());

        var rollback = await Cli.RunAsync(environment, "rollback", "--config", config, "--journal",
            Path.Combine(directory, "apply-journal.json"), "--report-dir", Path.Combine(workspace.Root, "rollback"),
            "--log-format", "json");
        Assert.True(rollback.ExitCode == 0, rollback.Stdout + rollback.Stderr);
        var rolledBack = ResultEvent(rollback);
        Assert.Equal("rolled-back", rolledBack.GetProperty("Status").GetString());
        Assert.True(File.Exists(rolledBack.GetProperty("Reports").GetProperty("json").GetString()));
    }

    [PostgresFact]
    public async Task A_blocked_plan_s_result_event_says_blocked_with_exit_1()
    {
        var (config, environment) = await BlockedAsync();

        var result = await Cli.RunAsync(environment, "plan", "--config", config, "--report-dir",
            Path.Combine(workspace.Root, "plan"), "--log-format", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("blocked", ResultEvent(result).GetProperty("Status").GetString());
    }

    [PostgresFact]
    public async Task The_cutover_window_recipe_plans_applies_verifies_and_archives_the_reports_with_checksums()
    {
        var (config, environment) = await SampleAsync();
        var archive = Path.Combine(workspace.Root, "archive");

        var result = await RecipeAsync("cutover-window.sh", environment, config, archive);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("plan: exit 0", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("verify: exit 0", result.Stdout, StringComparison.Ordinal);
        var run = Assert.Single(Directory.GetDirectories(archive));
        var sums = File.ReadAllLines(Path.Combine(run, "SHA256SUMS"));
        Assert.Contains(sums, l => l.EndsWith("./apply/apply-journal.json", StringComparison.Ordinal));
        Assert.Contains(sums, l => l.EndsWith("./verify/cutover-report.json", StringComparison.Ordinal));
        Assert.Contains(sums, l => l.EndsWith("./apply.log.jsonl", StringComparison.Ordinal));
        // plan's, apply's and verify's reports and apply's journal, each valid against its schema.
        Assert.Equal(4, JsonSchemas.AssertDirectoryValid(run));
        var check = await RunAsync("sha256sum", run, new Dictionary<string, string>(), "-c", "SHA256SUMS");
        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
    }

    [PostgresFact]
    public async Task The_cutover_window_recipe_stops_at_a_blocked_plan_with_its_exit_code()
    {
        var (config, environment) = await BlockedAsync();
        var archive = Path.Combine(workspace.Root, "archive");

        var result = await RecipeAsync("cutover-window.sh", environment, config, archive);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("plan: blocked or not verified", result.Stdout, StringComparison.Ordinal);
        var run = Assert.Single(Directory.GetDirectories(archive));
        Assert.False(Directory.Exists(Path.Combine(run, "apply")));
        Assert.True(File.Exists(Path.Combine(run, "SHA256SUMS")));
    }

    [PostgresFact]
    public async Task The_ci_gate_recipe_passes_a_clean_plan_and_fails_a_blocked_one_printing_the_summary()
    {
        var (clean, cleanEnvironment) = await SampleAsync();
        var passed = await RecipeAsync("ci-gate.sh", cleanEnvironment, clean, Path.Combine(workspace.Root, "ci1"));
        Assert.True(passed.ExitCode == 0, passed.Stdout + passed.Stderr);
        Assert.Contains("plan: planned (exit 0)", passed.Stdout, StringComparison.Ordinal);
        // As docs/orchestration.md shows it.
        Assert.Contains("sequences: 9 (9 to advance, 0 unchanged, 0 blocked)", passed.Stdout, StringComparison.Ordinal);
        Assert.Contains("findings: 5 (0 blocking, 3 warning, 2 info)", passed.Stdout, StringComparison.Ordinal);

        var (blocked, blockedEnvironment) = await BlockedAsync();
        var failed = await RecipeAsync("ci-gate.sh", blockedEnvironment, blocked, Path.Combine(workspace.Root, "ci2"));
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("plan: blocked (exit 1)", failed.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 blocked)", failed.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(workspace.Root, "ci2", "plan", "cutover-report.html")));
    }

    [PostgresFact]
    public async Task The_workflow_step_recipe_hands_the_engine_a_decision_and_the_result_event()
    {
        var (config, environment) = await SampleAsync();
        var work = Path.Combine(workspace.Root, "work");

        var applied = await RecipeAsync("workflow-step.sh", environment, "apply", config, work);
        Assert.True(applied.ExitCode == 0, applied.Stdout + applied.Stderr);
        Assert.EndsWith("exit=0\ndecision=continue", applied.Stdout.Trim(), StringComparison.Ordinal);
        using (var outcome = JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "outcome.json"))))
        {
            Assert.Equal("verified", outcome.RootElement.GetProperty("Status").GetString());
            Assert.Equal(Path.Combine(work, "apply", "apply-journal.json"),
                outcome.RootElement.GetProperty("Reports").GetProperty("journal").GetString());
        }

        var wrong = workspace.Write("wrong.yaml", "source:\n  kind: none\ntarget:\n  connectionString: Host=x\n" +
            "sequenceAdvancement:\n  safetyMargn: 5\n");
        var refused = await RecipeAsync("workflow-step.sh", environment, "plan", wrong, work);
        Assert.EndsWith("exit=2\ndecision=fix-input", refused.Stdout.Trim(), StringComparison.Ordinal);
    }

    private async Task<(string Config, Dictionary<string, string> Environment)> SampleAsync()
    {
        var cs = await postgres.NewDatabaseAsync(await File.ReadAllTextAsync(Path.Combine(Sample, "target-schema.sql")));
        var yaml = (await File.ReadAllTextAsync(Path.Combine(Sample, "cutover.yaml")))
            .Replace("./export", Path.Combine(Sample, "export"), StringComparison.Ordinal);
        return (workspace.Write($"sample-{Guid.NewGuid():N}.yaml", yaml),
            new Dictionary<string, string> { ["CUTOVER_TARGET_CS"] = cs });
    }

    /// <summary>A key near the top of an integer column: the plan overflows it and blocks.</summary>
    private async Task<(string Config, Dictionary<string, string> Environment)> BlockedAsync()
    {
        var cs = await postgres.NewDatabaseAsync("""
            CREATE SEQUENCE ticket_seq AS integer;
            CREATE TABLE ticket (ticket_id integer PRIMARY KEY DEFAULT nextval('ticket_seq'));
            INSERT INTO ticket VALUES (2147480000);
            """);
        var config = workspace.Write($"blocked-{Guid.NewGuid():N}.yaml", """
            source:
              kind: none
            target:
              connectionString: ${CUTOVER_TARGET_CS}
            sequenceAdvancement:
              safetyMargin: 10000
              tables:
                - table: ticket
                  pkColumn: ticket_id
            """);
        return (config, new Dictionary<string, string> { ["CUTOVER_TARGET_CS"] = cs });
    }

    /// <summary>A recipe as an operator runs it: bash, with cutover-sequencer on PATH.</summary>
    private Task<CliResult> RecipeAsync(string recipe, Dictionary<string, string> environment, params string[] arguments)
    {
        var bin = Path.Combine(workspace.Root, "bin");
        var tool = Path.Combine(bin, "cutover-sequencer");
        if (!File.Exists(tool))
        {
            Directory.CreateDirectory(bin);
            File.WriteAllText(tool, "#!/bin/sh\nexec dotnet " +
                $"'{Path.Combine(AppContext.BaseDirectory, "cutover-sequencer.dll")}' \"$@\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        var path = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        return RunAsync("bash", workspace.Root, new Dictionary<string, string>(environment) { ["PATH"] = path },
            [Path.Combine(Recipes, recipe), .. arguments]);
    }

    private static async Task<CliResult> RunAsync(
        string file, string directory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var inherited in start.Environment.Keys
                     .Where(k => k.StartsWith("CUTOVER", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(cancel.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
