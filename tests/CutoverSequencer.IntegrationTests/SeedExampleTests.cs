namespace CutoverSequencer.IntegrationTests;

/// <summary>Seed chapter 7.7 through the real CLI process against a real cluster.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SeedExampleTests(PostgresCluster postgres) : IDisposable
{
    private static readonly string Sample = Path.Combine(Repository.Root, "configs", "sample");
    private readonly TempDirectory workspace = new();

    private string Reports => Path.Combine(workspace.Root, "reports");

    public void Dispose() => workspace.Dispose();

    private async Task<(string ConnectionString, string Config)> LoadSampleAsync()
    {
        var connectionString = await postgres.NewDatabaseAsync(await File.ReadAllTextAsync(Path.Combine(Sample, "target-schema.sql")));
        var yaml = (await File.ReadAllTextAsync(Path.Combine(Sample, "cutover.yaml")))
            .Replace("./export", Path.Combine(Sample, "export"), StringComparison.Ordinal);
        return (connectionString, workspace.Write("cutover.yaml", yaml));
    }

    private static Dictionary<string, string> Target(string connectionString) => new() { ["CUTOVER_TARGET_CS"] = connectionString };

    [PostgresFact]
    public async Task Apply_sets_the_five_sequences_exactly_and_the_first_insert_succeeds()
    {
        var (cs, config) = await LoadSampleAsync();

        var result = await Cli.RunAsync(Target(cs), "apply", "--config", config, "--report-dir", Reports);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var expected = new (string Sequence, long Value)[]
        {
            ("account_seq", 857331), ("transaction_seq", 24901044), ("payment_seq", 6112887),
            ("ledger_entry_seq", 78450321), ("recon_batch_seq", 14421),
        };
        foreach (var (sequence, value) in expected)
        {
            Assert.Equal((value, true), await PostgresCluster.SequenceAsync(cs, sequence));
        }
        Assert.Equal(857332L, await PostgresCluster.ScalarAsync<long>(cs, "INSERT INTO account (user_name) VALUES ('first') RETURNING account_id"));
        Assert.Equal(24901045L, await PostgresCluster.ScalarAsync<long>(cs, "INSERT INTO transaction (account_id, amount) VALUES (857332, 1) RETURNING transaction_id"));
        Assert.Equal(14422, await PostgresCluster.ScalarAsync<int>(cs, "INSERT INTO reconciliation_batch (closed_on) VALUES (current_date) RETURNING recon_batch_id"));

        var report = Cli.Report(Reports);
        Assert.Equal("verified", report.GetProperty("status").GetString());
        var account = Cli.Sequence(report, "public.account_seq");
        Assert.Equal("public.account", account.GetProperty("table").GetString());
        Assert.Equal("account_id", account.GetProperty("column").GetString());
        Assert.Equal(847331, account.GetProperty("sourceLast").GetInt64());
        Assert.Equal(847290, account.GetProperty("targetMax").GetInt64());
        Assert.Equal(10000, account.GetProperty("margin").GetInt64());
        Assert.Equal(857331, account.GetProperty("newValue").GetInt64());
        Assert.Equal(857332, account.GetProperty("nextValue").GetInt64());
        Assert.Equal("advance", account.GetProperty("action").GetString());
        Assert.True(File.Exists(Path.Combine(Reports, "cutover-report.md")));
        Assert.True(File.Exists(Path.Combine(Reports, "cutover-report.html")));
    }

    [PostgresFact]
    public async Task A_second_apply_changes_nothing_and_still_verifies()
    {
        var (cs, config) = await LoadSampleAsync();
        Assert.Equal(0, (await Cli.RunAsync(Target(cs), "apply", "--config", config, "--report-dir", Reports)).ExitCode);

        // The same directory again: --force moves the first run's reports and journal aside.
        var again = await Cli.RunAsync(Target(cs), "apply", "--config", config, "--report-dir", Reports, "--force");

        Assert.Equal(0, again.ExitCode);
        var report = Cli.Report(Reports);
        Assert.All(report.GetProperty("sequences").EnumerateArray(), s => Assert.Equal("unchanged", s.GetProperty("action").GetString()));
        Assert.Equal((857331L, true), await PostgresCluster.SequenceAsync(cs, "account_seq"));
    }

    [PostgresFact]
    public async Task Plan_reports_the_values_and_writes_nothing()
    {
        var (cs, config) = await LoadSampleAsync();

        var result = await Cli.RunAsync(Target(cs), "plan", "--config", config, "--report-dir", Reports);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal((1L, false), await PostgresCluster.SequenceAsync(cs, "account_seq"));
        var report = Cli.Report(Reports);
        Assert.Equal("planned", report.GetProperty("status").GetString());
        Assert.Equal(78450321, Cli.Sequence(report, "public.ledger_entry_seq").GetProperty("newValue").GetInt64());
    }

    [PostgresFact]
    public async Task Verify_fails_when_keys_arrive_past_the_sequence_after_apply()
    {
        var (cs, config) = await LoadSampleAsync();
        Assert.Equal(0, (await Cli.RunAsync(Target(cs), "apply", "--config", config, "--report-dir", Reports)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync(Target(cs), "verify", "--config", config, "--report-dir", Reports, "--force")).ExitCode);

        await PostgresCluster.ExecuteAsync(cs, "INSERT INTO payment (payment_id, account_id, amount) VALUES (6200000, 1, 1)");
        var result = await Cli.RunAsync(Target(cs), "verify", "--config", config, "--report-dir", Reports, "--force");

        Assert.Equal(1, result.ExitCode);
        var report = Cli.Report(Reports);
        Assert.Equal("verification-failed", report.GetProperty("status").GetString());
        Assert.False(Cli.Sequence(report, "public.payment_seq").GetProperty("verified").GetBoolean());
        Assert.Contains("VERIFICATION_FAILED", Cli.FindingCodes(report));
        Assert.Equal((6112887L, true), await PostgresCluster.SequenceAsync(cs, "payment_seq"));
    }

    [PostgresFact]
    public async Task Plan_maps_trigger_identity_default_and_plsql_keys_nobody_listed_and_writes_reviewable_ddl()
    {
        var (cs, config) = await LoadSampleAsync();

        var result = await Cli.RunAsync(Target(cs), "plan", "--config", config, "--report-dir", Reports);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var report = Cli.Report(Reports);
        var order = Cli.Sequence(report, "public.order_header_seq");
        Assert.Equal("trigger FINANCE.ORDER_HEADER_BI", order.GetProperty("origin").GetString());
        Assert.Equal(130455, order.GetProperty("newValue").GetInt64());
        var profile = Cli.Sequence(report, "public.customer_profile_profile_id_seq");
        Assert.Equal("identity column FINANCE.CUSTOMER_PROFILE.PROFILE_ID", profile.GetProperty("origin").GetString());
        Assert.Equal("FINANCE.ISEQ$$_74512", profile.GetProperty("sourceSequence").GetString());
        Assert.Equal(62001, profile.GetProperty("newValue").GetInt64());
        var invoice = Cli.Sequence(report, "public.invoice_seq");
        Assert.Equal("source column default", invoice.GetProperty("origin").GetString());
        Assert.Equal("FINANCE.INVOICE_SEQ", invoice.GetProperty("sourceSequence").GetString());
        Assert.Equal(41209, invoice.GetProperty("newValue").GetInt64());
        var statement = Cli.Sequence(report, "public.statement_seq");
        Assert.Equal("PL/SQL FINANCE.STATEMENT_API.ADD_LINE", statement.GetProperty("origin").GetString());
        Assert.Equal(412117, statement.GetProperty("newValue").GetInt64());

        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(2, findings.Count(f => f.GetProperty("code").GetString() == "TRIGGER_SEQUENCE_PATTERN"));
        Assert.Contains(findings, f => f.GetProperty("code").GetString() == "UUID_COLUMN" && f.GetProperty("object").GetString() == "FINANCE.SESSION_TOKEN.TOKEN_ID");
        Assert.DoesNotContain(findings, f => f.GetProperty("object").GetString() == "FINANCE.ACCOUNT_AUDIT_AI");
        Assert.DoesNotContain(findings, f => f.GetProperty("object").GetString() == "FINANCE.ISEQ$$_74512");
        var ddl = await File.ReadAllTextAsync(Path.Combine(Reports, "post-load-defaults.sql"));
        Assert.Contains("ALTER TABLE public.order_header ALTER COLUMN order_id SET DEFAULT nextval('public.order_header_seq');", ddl, StringComparison.Ordinal);

        // The generated DDL runs as written, and the default then issues past every key.
        await PostgresCluster.ExecuteAsync(cs, ddl);
        await PostgresCluster.ExecuteAsync(cs, "SELECT setval('order_header_seq', 130455, true)");
        Assert.Equal(130456L, await PostgresCluster.ScalarAsync<long>(cs, "INSERT INTO order_header (account_id) VALUES (1) RETURNING order_id"));
    }

    [PostgresFact]
    public async Task A_CUTOVER_environment_variable_overrides_the_margin()
    {
        var (cs, config) = await LoadSampleAsync();
        var environment = Target(cs);
        environment["CUTOVER__SEQUENCEADVANCEMENT__SAFETYMARGIN"] = "20000";

        var result = await Cli.RunAsync(environment, "plan", "--config", config, "--report-dir", Reports);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(867331, Cli.Sequence(Cli.Report(Reports), "public.account_seq").GetProperty("newValue").GetInt64());
    }
}
