using System.Text.Json;

namespace CutoverSequencer.IntegrationTests;

/// <summary>
/// watch on a real cluster through the real CLI, after a real apply: rounds of about a second while the test
/// changes the source or the target between them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WatchTests(PostgresCluster postgres) : IDisposable
{
    private const string Schema = "CREATE TABLE users (id bigserial PRIMARY KEY);";

    private readonly TempDirectory workspace = new();

    public void Dispose() => workspace.Dispose();

    private string Path(string name) => System.IO.Path.Combine(workspace.Root, name);

    /// <summary>Source at 5,300, keys up to 5,000, margin 1,000: apply sets 6,300 (next value 6,301).</summary>
    private async Task<(string Source, string Target, string Config)> AppliedAsync(string name)
    {
        var source = await postgres.NewDatabaseAsync(Schema +
            "SELECT nextval('users_id_seq') FROM generate_series(1, 5300);");
        var target = await postgres.NewDatabaseAsync(Schema +
            "INSERT INTO users (id) SELECT g FROM generate_series(1, 5000) g;");
        var config = workspace.Write(name + ".yaml", $"""
            source:
              kind: postgres
              connectionString: "{source}"
              schemas: [public]
            target:
              connectionString: "{target}"
            sequenceAdvancement:
              safetyMargin: 1000
              tables:
                - table: users
                  pkColumn: id
            """);
        var applied = await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Path(name + "-apply"));
        Assert.True(applied.ExitCode == 0, applied.Stdout + applied.Stderr);
        Assert.Equal((6300L, true), await PostgresCluster.SequenceAsync(target, "users_id_seq"));
        return (source, target, config);
    }

    private static JsonElement Json(string file) => JsonDocument.Parse(File.ReadAllText(file)).RootElement.Clone();

    /// <summary>Waits until the watch has written the status of round <paramref name="round"/> (or later).</summary>
    private static async Task<JsonElement> RoundAsync(string directory, int round, RunningCli watch)
    {
        var file = System.IO.Path.Combine(directory, "watch-status.json");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(file) && Json(file) is var status && status.GetProperty("round").GetInt32() >= round)
            {
                return status;
            }
            Assert.False(watch.HasExited, $"the watch ended before round {round}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"no round {round} in {file}");
    }

    /// <summary>
    /// A round that surely read after the change just made: the round written now may have begun its reading
    /// before the change, and so may the one after it.
    /// </summary>
    private static async Task<JsonElement> SeenAsync(string directory, RunningCli watch)
    {
        var now = Json(System.IO.Path.Combine(directory, "watch-status.json")).GetProperty("round").GetInt32();
        return await RoundAsync(directory, now + 2, watch);
    }

    private static JsonElement Users(JsonElement document) => document.GetProperty("sequences").EnumerateArray()
        .Single(s => s.GetProperty("sequence").GetString() == "public.users_id_seq");

    [PostgresFact]
    public async Task A_source_consuming_its_margin_is_flagged_and_fails_the_watch_with_fail_on_low()
    {
        var (source, _, config) = await AppliedAsync("low");
        var reports = Path("low-watch");
        using var watch = Cli.Start(null, "watch", "--config", config, "--report-dir", reports, "--interval", "1s",
            "--threshold", "50%", "--fail-on", "low", "--until", "2m");

        var first = Users(await RoundAsync(reports, 1, watch));
        Assert.Equal("ok", first.GetProperty("state").GetString());
        Assert.Equal(6301 - 5300, first.GetProperty("marginLeft").GetInt64());
        Assert.Equal(1000, first.GetProperty("margin").GetInt64());
        // The old source keeps issuing: 300, then 400 more (source 6,000: 301 left, 30% of 1,000).
        await PostgresCluster.ExecuteAsync(source, "SELECT nextval('users_id_seq') FROM generate_series(1, 300)");
        var second = Users(await SeenAsync(reports, watch));
        Assert.Equal(701, second.GetProperty("marginLeft").GetInt64());
        Assert.Equal(6000 - 400, second.GetProperty("sourceValue").GetInt64());
        await PostgresCluster.ExecuteAsync(source, "SELECT nextval('users_id_seq') FROM generate_series(1, 400)");
        var result = await watch.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr);
        Assert.Contains(result.ErrorLines, l => l.Contains("WRN", StringComparison.Ordinal)
            && l.Contains("WATCH_MARGIN_LOW", StringComparison.Ordinal)
            && l.Contains("public.users_id_seq has 301 values of margin left, 30.1%", StringComparison.Ordinal));
        var status = Json(System.IO.Path.Combine(reports, "watch-status.json"));
        Assert.Equal("margin-low", status.GetProperty("status").GetString());
        Assert.Equal(301, Users(status).GetProperty("marginLeft").GetInt64());
        Assert.Equal("low", Users(status).GetProperty("state").GetString());
        Assert.Contains("WATCH_MARGIN_LOW", Users(status).GetProperty("alerts").EnumerateArray()
            .Select(a => a.GetString()));
        var report = Json(System.IO.Path.Combine(reports, "watch-report.json"));
        Assert.Equal("fail-on-low", report.GetProperty("endReason").GetString());
        var margins = Users(report).GetProperty("history").EnumerateArray()
            .Select(h => h.GetProperty("marginLeft").GetInt64()).ToList();
        Assert.Equal(1001, margins[0]);
        Assert.Equal(301, margins[^1]);
        Assert.True(margins.Zip(margins.Skip(1)).All(p => p.Second <= p.First), string.Join(", ", margins));
        Assert.True(Users(report).GetProperty("ratePerSecond").GetDouble() > 0);
        var html = File.ReadAllText(System.IO.Path.Combine(reports, "watch-report.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("<polyline", html, StringComparison.Ordinal);
        Assert.Contains("WATCH_MARGIN_LOW", File.ReadAllText(System.IO.Path.Combine(reports, "watch-report.md")),
            StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_sequence_set_backwards_by_another_session_stops_the_watch_naming_old_and_new_values()
    {
        var (_, target, config) = await AppliedAsync("back");
        var reports = Path("back-watch");
        using var watch = Cli.Start(null, "watch", "--config", config, "--report-dir", reports, "--interval", "1s");

        await RoundAsync(reports, 1, watch);
        await PostgresCluster.ExecuteAsync(target, "SELECT setval('users_id_seq', 5500)");
        var result = await watch.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr);
        const string Named = "public.users_id_seq moved backwards: its next value was 6,301 in round";
        Assert.Contains(result.ErrorLines, l => l.Contains("SEQUENCE_MOVED_BACKWARDS", StringComparison.Ordinal)
            && l.Contains(Named, StringComparison.Ordinal) && l.Contains("it is 5,501 now", StringComparison.Ordinal));
        Assert.Contains("SEQUENCE_MOVED_BACKWARDS", result.Stdout, StringComparison.Ordinal);
        var report = Json(System.IO.Path.Combine(reports, "watch-report.json"));
        Assert.Equal("moved-backwards", report.GetProperty("status").GetString());
        Assert.Equal(1, report.GetProperty("exitCode").GetInt32());
        var alert = report.GetProperty("alerts").EnumerateArray()
            .Single(a => a.GetProperty("code").GetString() == "SEQUENCE_MOVED_BACKWARDS");
        Assert.Equal("blocking", alert.GetProperty("severity").GetString());
        Assert.Equal("public.users_id_seq", alert.GetProperty("object").GetString());
        Assert.Equal(5501, Users(Json(System.IO.Path.Combine(reports, "watch-status.json")))
            .GetProperty("nextValue").GetInt64());
    }

    [PostgresFact]
    public async Task Re_advance_applies_again_through_a_journal_when_the_margin_falls_under_the_threshold()
    {
        var (source, target, config) = await AppliedAsync("again");
        var reports = Path("again-watch");
        using var watch = Cli.Start(null, "watch", "--config", config, "--report-dir", reports, "--interval", "1s",
            "--re-advance", "--fail-on", "low");

        await RoundAsync(reports, 1, watch);
        // 900 more at the source: 101 left, 10% of the margin, under the default 25%.
        await PostgresCluster.ExecuteAsync(source, "SELECT nextval('users_id_seq') FROM generate_series(1, 900)");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await PostgresCluster.SequenceAsync(target, "users_id_seq")).LastValue == 6300
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        var after = await SeenAsync(reports, watch);
        watch.Kill();

        // Source 6,200 + margin 1,000, from the watch's own apply; the watch went on from there.
        Assert.Equal((7200L, true), await PostgresCluster.SequenceAsync(target, "users_id_seq"));
        Assert.Equal(7201 - 6200, Users(after).GetProperty("marginLeft").GetInt64());
        var readvance = Assert.Single(after.GetProperty("reAdvances").EnumerateArray());
        Assert.Equal("verified", readvance.GetProperty("status").GetString());
        var folder = System.IO.Path.Combine(reports, "re-advance-1");
        Assert.Equal(folder, readvance.GetProperty("directory").GetString());
        var journal = Cli.Journal(folder);
        Assert.Equal("completed", journal.GetProperty("status").GetString());
        Assert.Equal(6300, journal.GetProperty("sequences")[0].GetProperty("before").GetProperty("lastValue")
            .GetInt64());
        Assert.Equal(2, JsonSchemas.AssertDirectoryValid(folder));

        // A later verify beside the watch measures the margin against the re-advance's journal.
        var verified = await Cli.RunAsync(null, "verify", "--config", config, "--report-dir", Path("again-verify"));
        Assert.True(verified.ExitCode == 0, verified.Stdout + verified.Stderr);
        Assert.Contains(System.IO.Path.Combine(folder, "apply-journal.json"), verified.Stderr,
            StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Until_ends_the_watch_cleanly_with_exit_0_a_report_and_a_result_event()
    {
        var (_, _, config) = await AppliedAsync("until");
        var reports = Path("until-watch");

        var result = await Cli.RunAsync(null, "watch", "--config", config, "--report-dir", reports,
            "--interval", "1s", "--until", "3s", "--log-format", "json");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var report = Json(System.IO.Path.Combine(reports, "watch-report.json"));
        Assert.Equal("ended", report.GetProperty("status").GetString());
        Assert.Equal("until", report.GetProperty("endReason").GetString());
        Assert.True(report.GetProperty("round").GetInt32() >= 2, report.ToString());
        Assert.Equal("ok", Users(report).GetProperty("state").GetString());
        Assert.Equal(0, Users(report).GetProperty("ratePerSecond").GetDouble());
        Assert.Equal(JsonValueKind.Null, Users(report).GetProperty("runsOutAt").ValueKind);
        foreach (var file in new[] { "watch-report.md", "watch-report.html", "watch-status.json" })
        {
            Assert.True(File.Exists(System.IO.Path.Combine(reports, file)), file);
        }
        var lines = result.ErrorLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var last = lines[^1].GetProperty("Properties");
        Assert.Equal("result", last.GetProperty("Event").GetString());
        Assert.Equal("ended", last.GetProperty("Status").GetString());
        Assert.Equal("watch", last.GetProperty("Command").GetString());
        Assert.Contains(lines, l => l.GetProperty("Properties").TryGetProperty("Event", out var e)
            && e.GetString() == "watch-round");
        Assert.Contains("Watch: ended (until)", result.Stdout, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task An_interrupted_watch_ends_normally_with_its_report_and_exit_0()
    {
        var (_, _, config) = await AppliedAsync("stop");
        var reports = Path("stop-watch");
        using var watch = Cli.Start(null, "watch", "--config", config, "--report-dir", reports, "--interval", "1s");
        await RoundAsync(reports, 2, watch);

        // SIGTERM, as a workflow engine stops a step (Ctrl+C is SIGINT: handled the same way).
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", watch.ProcessId.ToString(
            System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        var result = await watch.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var report = Json(System.IO.Path.Combine(reports, "watch-report.json"));
        Assert.Equal("interrupted", report.GetProperty("endReason").GetString());
        Assert.True(report.GetProperty("round").GetInt32() >= 2);
        Assert.Contains("Watch: ended (interrupted)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_option_value_is_exit_2_with_a_one_line_error()
    {
        var result = await Cli.RunAsync(null, "watch", "--config", "none.yaml", "--interval", "5x");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --interval '5x': not a positive duration", result.ErrorLines[0],
            StringComparison.Ordinal);
    }
}
