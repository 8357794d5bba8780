using System.Diagnostics;
using Npgsql;

namespace CutoverSequencer.IntegrationTests;

[Collection(PostgresCollection.Name)]
public sealed class SafetyTests(PostgresCluster postgres) : IDisposable
{
    private const string Password = "Pa55-w0rd.SECRET;value";
    private readonly TempDirectory workspace = new();

    public void Dispose() => workspace.Dispose();

    private static string Sample => Path.Combine(Repository.Root, "configs", "sample");

    private string Reports(string name) => Path.Combine(workspace.Root, "reports", name);

    [PostgresFact]
    public async Task No_output_of_a_run_ever_contains_the_password()
    {
        var cs = await postgres.NewDatabaseAsync(await File.ReadAllTextAsync(Path.Combine(Sample, "target-schema.sql")));
        var withPassword = new NpgsqlConnectionStringBuilder(cs) { Password = Password }.ConnectionString;
        var yaml = (await File.ReadAllTextAsync(Path.Combine(Sample, "cutover.yaml"))).Replace("./export", Path.Combine(Sample, "export"), StringComparison.Ordinal);
        var config = workspace.Write("cutover.yaml", yaml);
        var environment = new Dictionary<string, string> { ["CUTOVER_TARGET_CS"] = withPassword };

        var outputs = new List<string>();
        foreach (var args in new[]
        {
            new[] { "plan", "--config", config, "--report-dir", Reports("plan"), "--verbose" },
            new[] { "apply", "--config", config, "--report-dir", Reports("apply"), "--log-format", "json", "--verbose" },
            new[] { "verify", "--config", config, "--report-dir", Reports("verify") },
            new[] { "rollback", "--config", config, "--journal", Path.Combine(Reports("apply"), "apply-journal.json") },
        })
        {
            var result = await Cli.RunAsync(environment, args);
            Assert.True(result.ExitCode == 0, string.Join(' ', args) + "\n" + result.Stdout + result.Stderr);
            outputs.Add(result.Stdout);
            outputs.Add(result.Stderr);
        }
        var broken = new NpgsqlConnectionStringBuilder(withPassword) { Port = 1 }.ConnectionString;
        var failed = await Cli.RunAsync(new Dictionary<string, string> { ["CUTOVER_TARGET_CS"] = broken }, "apply", "--config", config, "--verbose");
        Assert.Equal(3, failed.ExitCode);
        outputs.Add(failed.Stdout + failed.Stderr);

        var files = Directory.GetFiles(Path.Combine(workspace.Root, "reports"), "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("apply-journal.json", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("cutover-report.html", StringComparison.Ordinal));
        foreach (var text in outputs.Concat(files.Select(File.ReadAllText)))
        {
            Assert.DoesNotContain("Pa55-w0rd", text, StringComparison.Ordinal);
        }
    }

    [PostgresFact]
    public async Task Ctrl_C_during_apply_stops_cleanly_with_exit_4_and_a_report_of_what_was_set()
    {
        var cs = await postgres.NewDatabaseAsync("""
            CREATE SEQUENCE a_seq; CREATE SEQUENCE b_seq; CREATE SEQUENCE c_seq;
            CREATE TABLE a (id bigint DEFAULT nextval('a_seq')); CREATE TABLE b (id bigint DEFAULT nextval('b_seq')); CREATE TABLE c (id bigint DEFAULT nextval('c_seq'));
            INSERT INTO a VALUES (10); INSERT INTO b VALUES (20); INSERT INTO c VALUES (30);
            """);
        var config = workspace.Write("cutover.yaml", $"""
            source:
              kind: none
            target:
              connectionString: "{cs}"
            sequenceAdvancement:
              discover: true
              safetyMargin: 5
            """);
        await using var holder = new NpgsqlConnection(cs);
        await holder.OpenAsync();
        await using (var hold = new NpgsqlCommand("BEGIN; ALTER SEQUENCE b_seq NO CYCLE;", holder))
        {
            await hold.ExecuteNonQueryAsync();
        }
        using var apply = Cli.Start(null, "apply", "--config", config, "--report-dir", Reports("interrupted"));
        for (var i = 0; i < 300 && await PostgresCluster.ScalarAsync<long>(cs,
            "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'cutover-sequencer%' AND wait_event_type = 'Lock'") == 0; i++)
        {
            await Task.Delay(100);
        }

        using (var interrupt = Process.Start("kill", ["-INT", apply.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt!.WaitForExitAsync();
        }
        var result = await apply.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 4, result.Stdout + result.Stderr);
        var report = Cli.Report(Reports("interrupted"));
        Assert.Equal("apply-failed", report.GetProperty("status").GetString());
        Assert.Contains("interrupted", report.GetProperty("apply").GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(["public.a_seq"], report.GetProperty("apply").GetProperty("set").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((15L, true), await PostgresCluster.SequenceAsync(cs, "a_seq"));
        Assert.Equal("failed", Cli.Journal(Reports("interrupted")).GetProperty("status").GetString());
    }

    [PostgresFact]
    public async Task Hostile_names_never_reach_the_database_as_sql()
    {
        var cs = await postgres.NewDatabaseAsync("CREATE SEQUENCE s; CREATE TABLE t (id bigint DEFAULT nextval('s')); INSERT INTO t VALUES (7);");
        var injected = workspace.Write("injected.yaml", $"""
            source:
              kind: none
            target:
              connectionString: "{cs}"
            sequenceAdvancement:
              tables:
                - table: 't; DROP TABLE t; --'
                  pkColumn: id
            """);
        var quoted = workspace.Write("quoted.yaml", $"""
            source:
              kind: none
            target:
              connectionString: "{cs}"
            sequenceAdvancement:
              tables:
                - table: '"t; DROP TABLE t; --"'
                  pkColumn: id
                - sequence: '"s''); DROP TABLE t; --"'
            """);

        var refused = await Cli.RunAsync(null, "apply", "--config", injected, "--report-dir", Reports("injected"));
        var unresolved = await Cli.RunAsync(null, "apply", "--config", quoted, "--report-dir", Reports("quoted"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("injected.yaml:7: 'table': ", Assert.Single(refused.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, unresolved.ExitCode);
        Assert.Equal(["SEQUENCE_NOT_FOUND", "TABLE_NOT_FOUND"], Cli.FindingCodes(Cli.Report(Reports("quoted"))).Where(c => c.EndsWith("NOT_FOUND", StringComparison.Ordinal)).Order());
        Assert.Equal(7L, await PostgresCluster.ScalarAsync<long>(cs, "SELECT max(id) FROM t"));
        Assert.Equal((1L, false), await PostgresCluster.SequenceAsync(cs, "s"));
    }
}
