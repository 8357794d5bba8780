namespace CutoverSequencer.IntegrationTests;

/// <summary>The documented exit codes, each with one clear line and nothing written.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ExitCodeTests(PostgresCluster postgres) : IDisposable
{
    private readonly TempDirectory workspace = new();

    private string Reports => Path.Combine(workspace.Root, "reports");

    public void Dispose() => workspace.Dispose();

    private string Config(string connectionString, string tables, long margin = 10_000) => workspace.Write("cutover.yaml", $"""
        source:
          kind: none
        target:
          connectionString: {connectionString}
        sequenceAdvancement:
          safetyMargin: {margin}
          tables:
        {tables}
        """);

    [PostgresFact]
    public async Task A_typo_in_the_config_exits_2_with_one_line_and_touches_nothing()
    {
        var cs = await postgres.NewDatabaseAsync("CREATE SEQUENCE s; CREATE TABLE t (id bigint DEFAULT nextval('s')); INSERT INTO t VALUES (500);");
        var config = workspace.Write("cutover.yaml", $"""
            source:
              kind: none
            target:
              connectionString: {cs}
            sequenceAdvancement:
              safetyMargn: 10000
              tables:
                - table: t
                  pkColumn: id
            """);

        var result = await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("cutover.yaml:6: unknown key 'safetyMargn' under 'sequenceAdvancement' (did you mean 'safetyMargin'?)", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Reports));
        Assert.Equal((1L, false), await PostgresCluster.SequenceAsync(cs, "s"));
    }

    [PostgresFact]
    public async Task An_int4_key_that_would_overflow_blocks_with_exit_1_and_nothing_written()
    {
        var cs = await postgres.NewDatabaseAsync("""
            CREATE SEQUENCE ticket_seq;
            CREATE SEQUENCE note_seq;
            CREATE TABLE ticket (ticket_id integer NOT NULL DEFAULT nextval('ticket_seq') PRIMARY KEY);
            CREATE TABLE note (note_id bigint NOT NULL DEFAULT nextval('note_seq') PRIMARY KEY);
            INSERT INTO ticket VALUES (2147480000);
            INSERT INTO note VALUES (10);
            """);
        var config = Config(cs, """
                - table: note
                  pkColumn: note_id
                - table: ticket
                  pkColumn: ticket_id
            """);

        var result = await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal((1L, false), await PostgresCluster.SequenceAsync(cs, "ticket_seq"));
        Assert.Equal((1L, false), await PostgresCluster.SequenceAsync(cs, "note_seq"));
        var report = Cli.Report(Reports);
        Assert.Equal("blocked", report.GetProperty("status").GetString());
        Assert.Equal("blocked", Cli.Sequence(report, "public.ticket_seq").GetProperty("action").GetString());
        Assert.Contains("COLUMN_TYPE_OVERFLOW", Cli.FindingCodes(report));
        Assert.Contains(result.ErrorLines, l => l.Contains("COLUMN_TYPE_OVERFLOW public.ticket.ticket_id", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task An_unreachable_target_exits_3_with_one_line_and_no_password()
    {
        var closedPort = postgres.Cluster.Port + 1;
        while (IsListening(closedPort))
        {
            closedPort++;
        }
        var config = Config($"Host=127.0.0.1;Port={closedPort};Database=x;Username=u;Password=S3cret-Pa55;Timeout=3", """
                - table: t
                  pkColumn: id
            """);

        var result = await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports);

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.ErrorLines, l => l.Contains(" ERR ", StringComparison.Ordinal));
        Assert.Contains($"cannot connect to postgresql://u@127.0.0.1:{closedPort}/x", line, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cret-Pa55", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_missing_table_or_column_blocks_and_names_the_config_line()
    {
        var cs = await postgres.NewDatabaseAsync("CREATE SEQUENCE s; CREATE TABLE t (id bigint DEFAULT nextval('s'));");
        var config = Config(cs, """
                - table: t
                  pkColumn: idd
                - table: no_such_table
                  pkColumn: id
                - table: t
                  pkColumn: id
                  sequence: no_such_seq
            """);

        var result = await Cli.RunAsync(null, "plan", "--config", config, "--report-dir", Reports);

        Assert.Equal(1, result.ExitCode);
        var report = Cli.Report(Reports);
        var codes = Cli.FindingCodes(report).ToList();
        Assert.Contains("COLUMN_NOT_FOUND", codes);
        Assert.Contains("TABLE_NOT_FOUND", codes);
        Assert.Contains("SEQUENCE_NOT_FOUND", codes);
        var messages = report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("message").GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains("cutover.yaml:10", StringComparison.Ordinal) && m.Contains("no_such_table", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task A_missing_update_privilege_is_found_before_any_write()
    {
        var cs = await postgres.NewDatabaseAsync("""
            CREATE SEQUENCE a_seq; CREATE SEQUENCE b_seq;
            CREATE TABLE a (id bigint DEFAULT nextval('a_seq')); CREATE TABLE b (id bigint DEFAULT nextval('b_seq'));
            INSERT INTO a VALUES (100); INSERT INTO b VALUES (200);
            DO $$ BEGIN CREATE ROLE limited LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            GRANT SELECT ON a, b, a_seq, b_seq TO limited;
            GRANT UPDATE ON a_seq TO limited;
            """);
        var limited = cs.Replace("Username=postgres", "Username=limited", StringComparison.Ordinal);
        var config = Config(limited, """
                - table: a
                  pkColumn: id
                - table: b
                  pkColumn: id
            """, margin: 10);

        var result = await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports);

        Assert.True(result.ExitCode == 3, result.Stdout + result.Stderr);
        Assert.Equal((1L, false), await PostgresCluster.SequenceAsync(cs, "a_seq"));
        Assert.Equal((1L, false), await PostgresCluster.SequenceAsync(cs, "b_seq"));
        var report = Cli.Report(Reports);
        Assert.Equal("blocked", report.GetProperty("status").GetString());
        var finding = report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "SEQUENCE_PRIVILEGE_MISSING");
        Assert.Equal("public.b_seq", finding.GetProperty("object").GetString());
        Assert.False(File.Exists(Path.Combine(Reports, "apply-journal.json")));
    }

    [PostgresFact]
    public async Task A_read_refused_in_a_later_chunk_of_a_batch_exits_3_naming_it_and_writes_nothing()
    {
        // 1,100 sequences are three chunks; the first session sends chunks 1 and 3 in one round trip.
        var cs = await postgres.NewDatabaseAsync("""
            DO $$ BEGIN FOR i IN 1..1100 LOOP EXECUTE format('CREATE SEQUENCE %I', 's' || i); END LOOP; END $$;
            DO $$ BEGIN CREATE ROLE reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            GRANT SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO reader;
            REVOKE SELECT ON s1050 FROM reader;
            """);
        var limited = cs.Replace("Username=postgres", "Username=reader", StringComparison.Ordinal);
        var config = Config(limited, string.Concat(Enumerable.Range(1, 1100).Select(i => $"    - sequence: s{i}\n")), margin: 10);

        var result = await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports);

        Assert.True(result.ExitCode == 3, result.Stdout + result.Stderr);
        Assert.Contains("permission denied for sequence s1050", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0L, await PostgresCluster.ScalarAsync<long>(cs, "SELECT count(*) FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL"));
        Assert.False(File.Exists(Path.Combine(Reports, "apply-journal.json")));
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        var result = await Cli.RunAsync(null, "apply");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--config", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_oracle_source_without_the_driver_exits_3_saying_how_to_get_it()
    {
        var config = workspace.Write("cutover.yaml", """
            source:
              kind: oracle
              connectionString: User Id=migrator;Password=S3cret-Pa55;Data Source=db:1521/ORCL
              schemas: [FINANCE]
            target:
              connectionString: Host=127.0.0.1;Port=1;Database=x
            """);

        var plan = await Cli.RunAsync(null, "plan", "--config", config);
        var export = await Cli.RunAsync(null, "export", "--config", config, "--output", Path.Combine(workspace.Root, "export"));

        foreach (var result in new[] { plan, export })
        {
            Assert.Equal(3, result.ExitCode);
            var line = Assert.Single(result.ErrorLines, l => l.Contains(" ERR ", StringComparison.Ordinal));
            Assert.Contains("-p:WithOracleClient=true", line, StringComparison.Ordinal);
            Assert.DoesNotContain("S3cret-Pa55", result.Stdout + result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Export_needs_a_live_oracle_source()
    {
        var config = workspace.Write("cutover.yaml", "source:\n  kind: none\ntarget:\n  connectionString: Host=x\n");

        var result = await Cli.RunAsync(null, "export", "--config", config, "--output", Path.Combine(workspace.Root, "export"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("export reads a live Oracle source; source.kind is none, not oracle", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_logs_are_one_json_object_per_line_on_stderr()
    {
        var config = workspace.Write("cutover.yaml", "source:\n  kind: none\ntarget:\n  connectionString: Host=x\nsequenceAdvancement:\n  safetyMargin: -3\n");

        var result = await Cli.RunAsync(null, "plan", "--config", config, "--log-format", "json");

        Assert.Equal(2, result.ExitCode);
        // The error, then the result event that closes every JSON log.
        Assert.Equal(2, result.ErrorLines.Length);
        var log = System.Text.Json.JsonDocument.Parse(result.ErrorLines[0]).RootElement;
        var outcome = System.Text.Json.JsonDocument.Parse(result.ErrorLines[1]).RootElement.GetProperty("Properties");
        Assert.Equal("result", outcome.GetProperty("Event").GetString());
        Assert.Equal("invalid-input", outcome.GetProperty("Status").GetString());
        Assert.Equal("Error", log.GetProperty("Level").GetString());
        Assert.EndsWith("cutover.yaml:6: 'safetyMargin' must be greater than zero, not -3", log.GetProperty("RenderedMessage").GetString(), StringComparison.Ordinal);
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
