namespace CutoverSequencer.IntegrationTests;

/// <summary>
/// ORM allocators through the real CLI on a real cluster, with an Oracle export beside it: a hilo entry planned
/// in blocks, and a pooled sequence whose increment differs from the source's.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AllocatorTests(PostgresCluster postgres) : IDisposable
{
    private const string SequencesHeader =
        "\"SEQUENCE_OWNER\",\"SEQUENCE_NAME\",\"MIN_VALUE\",\"MAX_VALUE\",\"INCREMENT_BY\",\"CYCLE_FLAG\",\"ORDER_FLAG\",\"CACHE_SIZE\",\"LAST_NUMBER\"\n";

    private readonly TempDirectory workspace = new();

    public void Dispose() => workspace.Dispose();

    private string Reports(string run) => Path.Combine(workspace.Root, "reports-" + run);

    private static Dictionary<string, string> Target(string connectionString) => new() { ["CUTOVER_TARGET_CS"] = connectionString };

    private string Config(string tables) => workspace.Write("cutover.yaml", $"""
        source:
          kind: oracle-export
          exportDirectory: ./export
          schemas: [APP]
        target:
          connectionString: ${"{"}CUTOVER_TARGET_CS{"}"}
        sequenceAdvancement:
          safetyMargin: 10000
          tables:
        {tables}
        """);

    [PostgresFact]
    public async Task A_hilo_entry_is_set_to_its_key_block_plus_the_margin_in_blocks_and_verifies()
    {
        // A hilo application (50 keys per value) took values up to about 2,400 and wrote keys up to 123,456.
        var cs = await postgres.NewDatabaseAsync("""
            CREATE SEQUENCE orders_seq;
            CREATE TABLE orders (order_id bigint PRIMARY KEY);
            INSERT INTO orders SELECT g * 41 FROM generate_series(1, 3000) g;
            INSERT INTO orders VALUES (123456);
            """);
        workspace.Write("export/sequences.csv", SequencesHeader + "\"APP\",\"ORDERS_SEQ\",1,9999999999999999999999999999,1,\"N\",\"N\",20,2400\n");
        var config = Config("""
                - table: orders
                  pkColumn: order_id
                  sequence: orders_seq
                  allocator: hilo
                  blockSize: 50
            """);

        var plan = await Cli.RunAsync(Target(cs), "plan", "--config", config, "--report-dir", Reports("plan"));
        var apply = await Cli.RunAsync(Target(cs), "apply", "--config", config, "--report-dir", Reports("apply"));
        var verify = await Cli.RunAsync(Target(cs), "verify", "--config", config, "--report-dir", Reports("verify"));

        Assert.True(plan.ExitCode == 0, plan.Stdout + plan.Stderr);
        Assert.True(apply.ExitCode == 0, apply.Stdout + apply.Stderr);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        // ⌈123,456 / 50⌉ + 1 + ⌈10,000 / 50⌉ = 2,470 + 1 + 200 = 2,671 next: setval(2,670, true).
        Assert.Equal((2_670L, true), await PostgresCluster.SequenceAsync(cs, "orders_seq"));
        Assert.Equal(2_671L, await PostgresCluster.ScalarAsync<long>(cs, "SELECT nextval('orders_seq')"));
        var row = Cli.Sequence(Cli.Report(Reports("apply")), "public.orders_seq");
        Assert.Equal(123_456, row.GetProperty("targetMax").GetInt64());
        Assert.Equal(10_000, row.GetProperty("margin").GetInt64());
        Assert.Equal(2_671, row.GetProperty("nextValue").GetInt64());
        Assert.Equal(50, row.GetProperty("hilo").GetProperty("blockSize").GetInt64());
        Assert.Equal(133_501, row.GetProperty("hilo").GetProperty("firstKey").GetInt64());
        Assert.True(row.GetProperty("verified").GetBoolean());
        Assert.Contains("⌈123,456 / 50⌉ = 2,470", row.GetProperty("derivation").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("HILO_KEYS", Cli.FindingCodes(Cli.Report(Reports("apply"))));
        var markdown = await File.ReadAllTextAsync(Path.Combine(Reports("apply"), "cutover-report.md"));
        Assert.Contains("hilo, 50 keys per value", markdown, StringComparison.Ordinal);
        // The operations brief speaks of keys: the first new key and the gap after the last loaded key.
        Assert.Contains("hilo, 50 keys per value: first new key at least 133,501; gap 123,457 – 133,500", markdown,
            StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_pooled_increment_mismatch_blocks_until_it_is_acknowledged()
    {
        var cs = await postgres.NewDatabaseAsync("""
            CREATE SEQUENCE invoice_seq;
            CREATE TABLE invoice (invoice_id bigint PRIMARY KEY DEFAULT nextval('invoice_seq'));
            INSERT INTO invoice VALUES (90000);
            """);
        workspace.Write("export/sequences.csv", SequencesHeader + "\"APP\",\"INVOICE_SEQ\",1,9999999999999999999999999999,50,\"N\",\"N\",20,90051\n");
        var entry = """
                - table: invoice
                  pkColumn: invoice_id
            """;

        var blocked = await Cli.RunAsync(Target(cs), "apply", "--config", Config(entry), "--report-dir", Reports("blocked"));

        Assert.Equal(1, blocked.ExitCode);
        Assert.Equal((1L, false), await PostgresCluster.SequenceAsync(cs, "invoice_seq"));
        var finding = Cli.Report(Reports("blocked")).GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("code").GetString() == "INCREMENT_MISMATCH");
        Assert.Equal("blocking", finding.GetProperty("severity").GetString());
        Assert.EndsWith("ALTER SEQUENCE \"public\".\"invoice_seq\" INCREMENT BY 50;", finding.GetProperty("message").GetString(), StringComparison.Ordinal);

        var acknowledged = await Cli.RunAsync(Target(cs), "apply", "--config",
            Config(entry + "\n      acknowledge: [INCREMENT_MISMATCH]"), "--report-dir", Reports("acknowledged"));

        Assert.True(acknowledged.ExitCode == 0, acknowledged.Stdout + acknowledged.Stderr);
        Assert.Equal((100_051L, true), await PostgresCluster.SequenceAsync(cs, "invoice_seq"));
        var warning = Cli.Report(Reports("acknowledged")).GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("code").GetString() == "INCREMENT_MISMATCH");
        Assert.Equal("warning", warning.GetProperty("severity").GetString());
    }
}
