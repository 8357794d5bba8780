using System.Diagnostics;
using Npgsql;

namespace CutoverSequencer.IntegrationTests;

/// <summary>
/// Through the real CLI: rollback's journal checks and its report, used report directories,
/// connection strings written the libpq way, and interruptions that wrote nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class InputAndCliTests(PostgresCluster postgres) : IDisposable
{
    private const string Schema = "CREATE SEQUENCE s; CREATE TABLE t (id bigint DEFAULT nextval('s')); INSERT INTO t VALUES (500);";
    private readonly TempDirectory workspace = new();

    public void Dispose() => workspace.Dispose();

    private string Reports(string name) => Path.Combine(workspace.Root, "reports", name);

    private string Config(string connectionString, string name = "cutover.yaml") => workspace.Write(name, $"""
        source:
          kind: none
        target:
          connectionString: "{connectionString}"
        sequenceAdvancement:
          safetyMargin: 100
          tables:
            - table: t
              pkColumn: id
        """);

    [PostgresFact]
    public async Task Rollback_refuses_a_file_that_is_not_an_apply_journal_with_exit_2_and_writes_nothing()
    {
        var cs = await postgres.NewDatabaseAsync(Schema);
        var config = Config(cs);
        Assert.Equal(0, (await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports("apply"))).ExitCode);
        var candidates = new Dictionary<string, string>
        {
            [Path.Combine(Reports("apply"), "cutover-report.json")] = "it looks like a report",
            [workspace.Write("notes.txt", "apply ran at 03:00\n")] = "invalid JSON at line 1",
            [workspace.Write("empty.json", "")] = "the file is empty",
            [workspace.Write("broken.json", "{ \"version\": 1, \"target\": ")] = "invalid JSON",
            [workspace.Write("partial.json", "{ \"version\": 1, \"target\": \"x\", \"config\": \"c\", \"startedAt\": \"2026-11-21T03:00:00Z\", \"status\": \"failed\", \"sequences\": [ { \"schema\": \"public\", \"name\": \"s\", \"sequence\": \"public.s\", \"state\": \"set\" } ] }")] = "sequences[0] has no 'before'",
        };

        foreach (var (file, problem) in candidates)
        {
            var result = await Cli.RunAsync(null, "rollback", "--config", config, "--journal", file, "--report-dir", Reports("rollback-" + Path.GetFileName(file)));

            Assert.True(result.ExitCode == 2, file + ": " + result.Stderr);
            var line = Assert.Single(result.ErrorLines);
            Assert.Contains($"{file}: not an apply journal: {problem}", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Object reference", result.Stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Reports("rollback-" + Path.GetFileName(file))));
        }
        var directory = await Cli.RunAsync(null, "rollback", "--config", config, "--journal", Reports("apply"));
        Assert.Equal(2, directory.ExitCode);
        Assert.Contains($"{Reports("apply")}: is a directory; --journal takes the apply-journal.json file in it", Assert.Single(directory.ErrorLines), StringComparison.Ordinal);
        Assert.Equal((600L, true), await PostgresCluster.SequenceAsync(cs, "s"));
    }

    [PostgresFact]
    public async Task Rollback_writes_its_report_with_the_values_read_back()
    {
        var cs = await postgres.NewDatabaseAsync(Schema + "CREATE SEQUENCE lone START 7; SELECT nextval('lone');");
        var config = Config(cs);
        Assert.Equal(0, (await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports("apply"))).ExitCode);

        var result = await Cli.RunAsync(null, "rollback", "--config", config, "--journal", Path.Combine(Reports("apply"), "apply-journal.json"), "--report-dir", Reports("rollback"));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains($"Report: {Path.Combine(Reports("rollback"), "rollback-report.md")}", result.Stdout, StringComparison.Ordinal);
        var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Reports("rollback"), "rollback-report.json"))).RootElement;
        Assert.Equal("rolled-back", report.GetProperty("status").GetString());
        var row = Assert.Single(report.GetProperty("sequences").EnumerateArray());
        Assert.Equal("public.s", row.GetProperty("sequence").GetString());
        Assert.Equal("restored", row.GetProperty("action").GetString());
        Assert.Equal(600, row.GetProperty("found").GetProperty("lastValue").GetInt64());
        Assert.Equal(601, row.GetProperty("planned").GetProperty("nextValue").GetInt64());
        var readBack = row.GetProperty("readBack");
        Assert.Equal(1, readBack.GetProperty("lastValue").GetInt64());
        Assert.False(readBack.GetProperty("isCalled").GetBoolean());
        Assert.Equal(1, readBack.GetProperty("increment").GetInt64());
        Assert.Equal(1, readBack.GetProperty("nextValue").GetInt64());
        Assert.Equal((1L, false), await PostgresCluster.SequenceAsync(cs, "s"));
        Assert.Contains("| `public.s` | restored |", File.ReadAllText(Path.Combine(Reports("rollback"), "rollback-report.md")), StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(Reports("rollback"), "rollback-report.html")), StringComparison.Ordinal);

        // Rolled back already: a second rollback finds it unchanged, and its report says so.
        var again = await Cli.RunAsync(null, "rollback", "--config", config, "--journal", Path.Combine(Reports("apply"), "apply-journal.json"), "--report-dir", Reports("rollback"));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already holds an earlier run's rollback-report.md", again.Stderr, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Refused_rollback_still_writes_its_report_and_nothing_else()
    {
        var cs = await postgres.NewDatabaseAsync(Schema);
        var config = Config(cs);
        Assert.Equal(0, (await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports("apply"))).ExitCode);
        await PostgresCluster.ExecuteAsync(cs, "SELECT nextval('s')");

        var result = await Cli.RunAsync(null, "rollback", "--config", config, "--journal", Path.Combine(Reports("apply"), "apply-journal.json"), "--report-dir", Reports("rollback"));

        Assert.Equal(1, result.ExitCode);
        var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Reports("rollback"), "rollback-report.json"))).RootElement;
        Assert.Equal("refused", report.GetProperty("status").GetString());
        var row = report.GetProperty("sequences")[0];
        Assert.Equal("moved", row.GetProperty("action").GetString());
        Assert.Equal(602, row.GetProperty("readBack").GetProperty("nextValue").GetInt64());
        Assert.Equal((601L, true), await PostgresCluster.SequenceAsync(cs, "s"));
    }

    [PostgresFact]
    public async Task A_used_report_directory_is_refused_before_connecting_unless_forced()
    {
        var cs = await postgres.NewDatabaseAsync(Schema);
        var config = Config(cs);
        Assert.Equal(0, (await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports("run"))).ExitCode);
        await PostgresCluster.ExecuteAsync(cs, "INSERT INTO t VALUES (900)");
        // Nothing connects: a configuration pointing nowhere gives exit 2, not 3.
        var unreachable = Config("Host=127.0.0.1;Port=1;Database=x;Username=u;Timeout=2", "unreachable.yaml");

        foreach (var command in new[] { "plan", "apply", "verify" })
        {
            var refused = await Cli.RunAsync(null, command, "--config", unreachable, "--report-dir", Reports("run"));
            Assert.True(refused.ExitCode == 2, command + ": " + refused.Stderr);
            var line = Assert.Single(refused.ErrorLines);
            Assert.Contains($"--report-dir {Reports("run")}: already holds an earlier run's cutover-report.md, cutover-report.html, cutover-report.json, apply-journal.json", line, StringComparison.Ordinal);
        }
        Assert.Equal((600L, true), await PostgresCluster.SequenceAsync(cs, "s"));

        var forced = await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports("run"), "--force");

        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.Equal((1000L, true), await PostgresCluster.SequenceAsync(cs, "s"));
        var earlier = Assert.Single(Directory.GetDirectories(Reports("run"), "earlier-*"));
        Assert.True(File.Exists(Path.Combine(earlier, "apply-journal.json")));
        Assert.True(File.Exists(Path.Combine(earlier, "cutover-report.json")));
        Assert.Equal("verified", Cli.Report(Reports("run")).GetProperty("status").GetString());
        Assert.Equal("completed", Cli.Journal(Reports("run")).GetProperty("status").GetString());
    }

    [PostgresFact]
    public async Task A_report_directory_that_is_a_file_is_exit_2()
    {
        var cs = await postgres.NewDatabaseAsync(Schema);
        var file = workspace.Write("reports-file", "x");

        var result = await Cli.RunAsync(null, "plan", "--config", Config(cs), "--report-dir", file, "--force");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--report-dir {file}: is a file, not a directory", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Libpq_uris_and_keyword_value_strings_reach_the_same_database()
    {
        var cs = new NpgsqlConnectionStringBuilder(await postgres.NewDatabaseAsync(Schema));
        var uri = $"postgresql://{cs.Username}@{cs.Host}:{cs.Port}/{cs.Database}?application_name=cutover-uri&connect_timeout=10";
        var keywords = $"host={cs.Host} port={cs.Port} dbname='{cs.Database}' user={cs.Username} sslmode=disable";

        var plan = await Cli.RunAsync(null, "plan", "--config", Config(uri, "uri.yaml"), "--report-dir", Reports("uri"));
        var apply = await Cli.RunAsync(new Dictionary<string, string> { ["CUTOVER__TARGET__CONNECTIONSTRING"] = keywords },
            "apply", "--config", Config("Host=overridden", "keywords.yaml"), "--report-dir", Reports("keywords"));

        Assert.True(plan.ExitCode == 0, plan.Stderr);
        Assert.True(apply.ExitCode == 0, apply.Stderr);
        Assert.Equal((600L, true), await PostgresCluster.SequenceAsync(cs.ConnectionString, "s"));
        Assert.Equal($"postgresql://{cs.Username}@{cs.Host}:{cs.Port}/{cs.Database}", Cli.Report(Reports("keywords")).GetProperty("target").GetString());
    }

    [PostgresFact]
    public async Task An_invalid_connection_string_names_its_source_and_never_the_password()
    {
        const string secret = "Pa55-w0rd-7Q";
        var environment = new Dictionary<string, string> { ["CUTOVER_TEST_CS"] = $"postgresql://u:{secret}@127.0.0.1/db?sslmod=require" };
        var fromVariable = await Cli.RunAsync(environment, "plan", "--config", Config("${CUTOVER_TEST_CS}"), "--report-dir", Reports("variable"));
        var inFile = await Cli.RunAsync(null, "plan", "--config", Config($"host=127.0.0.1 password='{secret}' hots=x", "file.yaml"), "--report-dir", Reports("file"));
        var npgsql = await Cli.RunAsync(null, "plan", "--config", Config($"Host=127.0.0.1;Password={secret};Port={secret}", "npgsql.yaml"), "--report-dir", Reports("npgsql"));

        Assert.Equal(2, fromVariable.ExitCode);
        Assert.Contains("'target.connectionString' (from ${CUTOVER_TEST_CS}) is not a valid PostgreSQL connection string: unknown keyword 'sslmod' (did you mean 'sslmode'?)",
            Assert.Single(fromVariable.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(2, inFile.ExitCode);
        Assert.Contains("file.yaml:4: 'target.connectionString' is not a valid PostgreSQL connection string: unknown keyword 'hots'", Assert.Single(inFile.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(2, npgsql.ExitCode);
        Assert.Contains("'port' has an invalid value", Assert.Single(npgsql.ErrorLines), StringComparison.Ordinal);
        foreach (var result in new[] { fromVariable, inFile, npgsql })
        {
            Assert.DoesNotContain(secret, result.Stdout + result.Stderr, StringComparison.Ordinal);
        }
    }

    [PostgresFact]
    public async Task Interrupting_plan_exits_1_saying_nothing_was_written()
    {
        var cs = await postgres.NewDatabaseAsync(Schema);
        var config = Config(cs);
        await using var holder = new NpgsqlConnection(cs);
        await holder.OpenAsync();
        await using (var hold = new NpgsqlCommand("BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE;", holder))
        {
            await hold.ExecuteNonQueryAsync();
        }
        using var plan = Cli.Start(null, "plan", "--config", config, "--report-dir", Reports("interrupted"));
        for (var i = 0; i < 300 && await PostgresCluster.ScalarAsync<long>(cs,
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cutover-sequencer' AND wait_event_type = 'Lock'") == 0; i++)
        {
            await Task.Delay(100);
        }

        using (var interrupt = Process.Start("kill", ["-INT", plan.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt!.WaitForExitAsync();
        }
        var result = await plan.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr);
        Assert.Contains(result.ErrorLines, l => l.Contains("nothing was written", StringComparison.OrdinalIgnoreCase));
        Assert.Equal((1L, false), await PostgresCluster.SequenceAsync(cs, "s"));
    }

    [PostgresFact]
    public async Task Help_lists_every_exit_code_through_the_real_process()
    {
        var result = await Cli.RunAsync(null, "rollback", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var code in new[] { "0  done and verified", "1  blocked", "2  invalid input", "3  cannot connect", "4  apply", "5  internal error" })
        {
            Assert.Contains(code, result.Stdout, StringComparison.Ordinal);
        }
    }
}
