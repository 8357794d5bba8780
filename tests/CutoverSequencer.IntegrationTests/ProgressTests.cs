namespace CutoverSequencer.IntegrationTests;

/// <summary>
/// Key-read progress where no terminal shows it: with stderr redirected (or --no-progress) a slow scan is
/// reported in plain log lines, and no ANSI escape codes reach stderr or stdout.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ProgressTests(PostgresCluster postgres) : IDisposable
{
    private readonly TempDirectory workspace = new();

    public void Dispose() => workspace.Dispose();

    // An unindexed table above 8 MB is scanned alone; the policy (which binds the non-superuser reader)
    // sleeps on 4 of its rows, so the scan lasts about 6 s: long enough for a progress line every 5 s.
    private async Task<string> SlowScanConfigAsync()
    {
        var cs = await postgres.NewDatabaseAsync("""
            CREATE SEQUENCE slow_seq;
            CREATE TABLE slow (id bigint NOT NULL DEFAULT nextval('slow_seq'), payload text)
                WITH (parallel_workers = 0);
            INSERT INTO slow SELECT g, repeat('x', 100) FROM generate_series(1, 200000) g;
            DO $$ BEGIN CREATE ROLE progress_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            GRANT SELECT ON slow TO progress_reader; GRANT SELECT, UPDATE ON slow_seq TO progress_reader;
            ALTER TABLE slow ENABLE ROW LEVEL SECURITY;
            CREATE POLICY slow_read ON slow FOR SELECT TO progress_reader
                USING (id % 50000 <> 0 OR pg_sleep(1.5) IS NOT NULL);
            """);
        var reader = cs.Replace("Username=postgres", "Username=progress_reader", StringComparison.Ordinal);
        return workspace.Write("cutover.yaml", $"""
            source:
              kind: none
            target:
              connectionString: {reader}
            sequenceAdvancement:
              safetyMargin: 10
              tables:
                - table: slow
                  pkColumn: id
            """);
    }

    [PostgresFact]
    public async Task A_slow_scan_is_reported_in_log_lines_without_escape_codes_with_and_without_no_progress()
    {
        var config = await SlowScanConfigAsync();
        // As from a terminal session whose stderr goes to a file: TERM set, CI not.
        var environment = new Dictionary<string, string> { ["TERM"] = "xterm-256color", ["CI"] = "false" };

        foreach (var extra in new[] { new[] { "--no-progress" }, Array.Empty<string>() })
        {
            var reports = Path.Combine(workspace.Root, $"reports{extra.Length}");
            var result = await Cli.RunAsync(environment,
                ["plan", "--config", config, "--report-dir", reports, .. extra]);

            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            Assert.Matches(@"INF Key reads: 0 of 1 tables; scanning: public\.slow\.id \(\d+ MB, [5-9] s\)",
                result.Stderr);
            Assert.DoesNotContain('\u001b', result.Stderr);
            Assert.DoesNotContain('\u001b', result.Stdout);
            Assert.Contains("setval 200,010", result.Stdout, StringComparison.Ordinal);
        }
    }
}
