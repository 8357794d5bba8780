using System.Diagnostics;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.PostgreSql;
using Npgsql;
using Microsoft.Extensions.Logging;

namespace CutoverSequencer.IntegrationTests;

/// <summary>The PostgreSQL adapter under the faults and catalogs a cutover window meets.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AdapterSafetyTests(PostgresCluster postgres) : IDisposable
{
    private readonly TempDirectory workspace = new();

    public void Dispose() => workspace.Dispose();

    private string Reports(string name) => Path.Combine(workspace.Root, "reports", name);

    private static readonly ILogger Log = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private string Config(string cs, string tables, string target = "") => workspace.Write($"cutover-{Guid.NewGuid():N}.yaml", $"""
        source:
          kind: none
        target:
          connectionString: "{cs}"
        {target}
        sequenceAdvancement:
          safetyMargin: 10
          tables:
        {tables}
        """);

    private static TableEntry Entry(string schema, string table, string column, QualifiedName? sequence = null) =>
        new(new QualifiedName(schema, table), column, sequence, null, null, "test");

    private static async Task<TargetSnapshot> InspectAsync(string cs, IReadOnlyList<TableEntry> entries, TimeSpan? statementTimeout = null)
    {
        await using var target = new PostgresTarget(new TargetConfig(cs, "public") { StatementTimeout = statementTimeout, MaxParallelism = 2 }, Log);
        return await target.InspectAsync(entries, CancellationToken.None);
    }

    [Trait("Subset", "versions")]
    [PostgresFact]
    public async Task Keys_of_a_table_in_another_schema_fed_by_the_same_sequence_are_cleared_and_verified()
    {
        var cs = await postgres.NewDatabaseAsync("""
            CREATE SCHEMA a; CREATE SCHEMA b;
            CREATE SEQUENCE public.s;
            CREATE TABLE a.t1 (id bigint PRIMARY KEY DEFAULT nextval('public.s'));
            CREATE TABLE b.t2 (id bigint DEFAULT nextval('public.s'));
            CREATE TABLE public.t3 (id bigint);
            ALTER SEQUENCE public.s OWNED BY public.t3.id;
            INSERT INTO a.t1 VALUES (100); INSERT INTO b.t2 VALUES (5000); INSERT INTO public.t3 VALUES (7000);
            """);
        var config = Config(cs, """
                - table: a.t1
                  pkColumn: id
            """);

        var result = await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports("apply"));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var row = Cli.Sequence(Cli.Report(Reports("apply")), "public.s");
        Assert.Equal(7000, row.GetProperty("targetMax").GetInt64());
        var (last, called) = await PostgresCluster.SequenceAsync(cs, "public.s");
        Assert.True(called && last >= 7010, $"public.s at {last}");
        // The standalone verify resolves everything again and finds the same tables.
        Assert.Equal(0, (await Cli.RunAsync(null, "verify", "--config", config, "--report-dir", Reports("verify"))).ExitCode);
    }

    [PostgresFact]
    public async Task A_key_replayed_into_an_unindexed_table_during_apply_fails_verification()
    {
        var cs = await postgres.NewDatabaseAsync("""
            CREATE SEQUENCE s;
            CREATE TABLE t (id bigint DEFAULT nextval('s'));
            INSERT INTO t SELECT g FROM generate_series(1, 100) g;
            """);
        var config = Config(cs, """
                - table: t
                  pkColumn: id
            """);
        await using var holder = new NpgsqlConnection(cs);
        await holder.OpenAsync();
        await using (var hold = new NpgsqlCommand("BEGIN; ALTER SEQUENCE s NO CYCLE;", holder))
        {
            await hold.ExecuteNonQueryAsync();
        }
        using var apply = Cli.Start(null, "apply", "--config", config, "--report-dir", Reports("apply"));
        await WaitForWriterBlockedAsync(cs);
        // Replication replays a row after inspection read the keys, before the write lands.
        await PostgresCluster.ExecuteAsync(cs, "INSERT INTO t VALUES (1000000)");
        await using (var release = new NpgsqlCommand("COMMIT", holder))
        {
            await release.ExecuteNonQueryAsync();
        }
        var result = await apply.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr);
        var report = Cli.Report(Reports("apply"));
        Assert.Equal("verification-failed", report.GetProperty("status").GetString());
        Assert.Contains("VERIFICATION_FAILED", Cli.FindingCodes(report));
    }

    [PostgresFact]
    public async Task A_write_blocked_on_a_lock_gives_up_within_the_lock_timeout_and_never_runs_later()
    {
        var cs = await postgres.NewDatabaseAsync("""
            CREATE SEQUENCE s;
            CREATE TABLE t (id bigint PRIMARY KEY DEFAULT nextval('s'));
            INSERT INTO t VALUES (100);
            """);
        var config = Config(cs, """
                - table: t
                  pkColumn: id
            """);
        await using var holder = new NpgsqlConnection(cs);
        await holder.OpenAsync();
        await using (var hold = new NpgsqlCommand("BEGIN; ALTER SEQUENCE s NO CYCLE;", holder))
        {
            await hold.ExecuteNonQueryAsync();
        }
        var watch = Stopwatch.StartNew();
        var result = await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports("apply"));
        watch.Stop();

        // Read back after the failure: nothing was written, so not "part-way" (4) but refused (3).
        Assert.True(result.ExitCode == 3, result.Stdout + result.Stderr);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(40), $"apply took {watch.Elapsed}");
        Assert.Contains("lock timeout", Cli.Report(Reports("apply")).GetProperty("apply").GetProperty("error").GetString(), StringComparison.Ordinal);
        // The run's backends end with its process: nothing of it waits on the lock any more.
        for (var i = 0; i < 50 && await PostgresCluster.ScalarAsync<long>(cs,
            "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'cutover-sequencer%' AND datname = current_database()") > 0; i++)
        {
            await Task.Delay(100);
        }
        Assert.Equal(0L, await PostgresCluster.ScalarAsync<long>(cs,
            "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'cutover-sequencer%' AND datname = current_database()"));
        await using (var release = new NpgsqlCommand("ROLLBACK", holder))
        {
            await release.ExecuteNonQueryAsync();
        }
        await Task.Delay(1000);
        Assert.Equal((1L, false), await PostgresCluster.SequenceAsync(cs, "s"));
    }

    [PostgresFact]
    public async Task An_orphaned_writer_of_an_earlier_run_is_cancelled_before_apply_writes()
    {
        var cs = await postgres.NewDatabaseAsync("""
            CREATE SEQUENCE s;
            CREATE TABLE t (id bigint PRIMARY KEY DEFAULT nextval('s'));
            INSERT INTO t VALUES (100);
            """);
        var config = Config(cs, """
                - table: t
                  pkColumn: id
            """);
        await using var orphan = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { ApplicationName = "cutover-sequencer/write" }.ConnectionString);
        await orphan.OpenAsync();
        await using var sleep = new NpgsqlCommand("SELECT pg_sleep(60)", orphan) { CommandTimeout = 0 };
        var sleeping = sleep.ExecuteNonQueryAsync();
        await WaitUntilAsync(cs, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cutover-sequencer/write' AND state = 'active'");

        try
        {
            var result = await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports("apply"));

            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            var cancelled = await Assert.ThrowsAsync<PostgresException>(() => sleeping.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("57014", cancelled.SqlState);
            Assert.Contains("cancelling them", result.Stdout + result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await EndAsync(cs, orphan.ProcessID, sleeping);
        }
    }

    [PostgresFact]
    public async Task An_orphaned_writer_that_cannot_be_cancelled_is_named_and_nothing_is_written()
    {
        var cs = await postgres.NewDatabaseAsync("""
            CREATE SEQUENCE s;
            CREATE TABLE t (id bigint PRIMARY KEY DEFAULT nextval('s'));
            INSERT INTO t VALUES (100);
            DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cutover_runner') THEN CREATE ROLE cutover_runner LOGIN; END IF; END $$;
            GRANT SELECT ON t TO cutover_runner; GRANT SELECT, UPDATE ON SEQUENCE s TO cutover_runner;
            """);
        var runner = new NpgsqlConnectionStringBuilder(cs) { Username = "cutover_runner" }.ConnectionString;
        var config = Config(runner, """
                - table: t
                  pkColumn: id
            """);
        // A superuser's backend: the runner may not cancel it.
        await using var orphan = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { ApplicationName = "cutover-sequencer/write" }.ConnectionString);
        await orphan.OpenAsync();
        await using var sleep = new NpgsqlCommand("SELECT pg_sleep(60)", orphan) { CommandTimeout = 0 };
        var sleeping = sleep.ExecuteNonQueryAsync();
        await WaitUntilAsync(cs, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cutover-sequencer/write' AND state = 'active'");
        var pid = orphan.ProcessID;

        try
        {
            var result = await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports("apply"));

            Assert.True(result.ExitCode == 3, result.Stdout + result.Stderr);
            Assert.Contains($"pid {pid}", result.Stderr, StringComparison.Ordinal);
            Assert.Equal((1L, false), await PostgresCluster.SequenceAsync(cs, "s"));
        }
        finally
        {
            await EndAsync(cs, pid, sleeping);
        }
    }

    /// <summary>Cancels the stand-in orphan whatever the test found, so a failure cannot hang the run.</summary>
    private static async Task EndAsync(string cs, int pid, Task sleeping)
    {
        await PostgresCluster.ExecuteAsync(cs, $"SELECT pg_cancel_backend({pid})");
        try
        {
            await sleeping.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is PostgresException or TimeoutException)
        {
            // Cancelled, as intended.
        }
    }

    [PostgresFact]
    public async Task Other_cutover_sequencer_sessions_are_listed_and_the_runs_own_are_not()
    {
        var cs = await postgres.NewDatabaseAsync("CREATE TABLE t (id bigserial PRIMARY KEY); INSERT INTO t VALUES (5);");
        var config = Config(cs, """
                - table: t
                  pkColumn: id
            """);
        var alone = await Cli.RunAsync(null, "plan", "--config", config, "--report-dir", Reports("alone"));
        Assert.True(alone.ExitCode == 0, alone.Stdout + alone.Stderr);
        Assert.DoesNotContain("OTHER_SESSIONS_CONNECTED", Cli.FindingCodes(Cli.Report(Reports("alone"))));

        await using var other = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { ApplicationName = "cutover-sequencer" }.ConnectionString);
        await other.OpenAsync();
        var result = await Cli.RunAsync(null, "plan", "--config", config, "--report-dir", Reports("other"));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var finding = Cli.Report(Reports("other")).GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("code").GetString() == "OTHER_SESSIONS_CONNECTED").GetProperty("message").GetString();
        Assert.Contains($"pid {other.ProcessID} ", finding, StringComparison.Ordinal);
        Assert.Contains("1 other client session", finding, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Objects_named_like_catalog_functions_earlier_on_the_search_path_change_nothing()
    {
        var cs = await postgres.NewDatabaseAsync("""
            CREATE SCHEMA evil;
            CREATE TABLE evil.pg_sequence (seqrelid oid, seqtypid oid, seqstart bigint, seqincrement bigint, seqmax bigint, seqmin bigint, seqcache bigint, seqcycle boolean);
            CREATE TABLE evil.pg_class (oid oid, relname name, relnamespace oid, relkind "char", relpages integer);
            CREATE FUNCTION evil.setval(regclass, bigint, boolean) RETURNS bigint LANGUAGE sql AS 'SELECT 1::bigint';
            CREATE FUNCTION evil.query_to_xml(text, boolean, boolean, text) RETURNS xml LANGUAGE sql AS $$SELECT '<row><k>1</k><l>1</l><c>false</c></row>'::xml$$;
            CREATE AGGREGATE evil.max(bigint) (sfunc = int8smaller, stype = bigint);
            CREATE FUNCTION evil.to_regclass(text) RETURNS regclass LANGUAGE sql AS 'SELECT NULL::regclass';
            CREATE FUNCTION evil.pg_is_in_recovery() RETURNS boolean LANGUAGE sql AS 'SELECT true';
            CREATE FUNCTION evil.sign(numeric) RETURNS numeric LANGUAGE sql AS 'SELECT 0::numeric';
            CREATE SEQUENCE public.s;
            CREATE TABLE public.t (id bigint PRIMARY KEY DEFAULT nextval('public.s'));
            INSERT INTO public.t SELECT g FROM generate_series(1, 5000) g;
            CREATE SEQUENCE public.u_seq;
            CREATE TABLE public.u (id bigint DEFAULT nextval('public.u_seq'), pad text);
            INSERT INTO public.u SELECT g, repeat('x', 200) FROM generate_series(1, 70000) g;
            """);
        await PostgresCluster.ExecuteAsync(cs, $"ALTER DATABASE \"{new NpgsqlConnectionStringBuilder(cs).Database}\" SET search_path = evil, pg_catalog, public");
        Assert.Equal(1L, await PostgresCluster.ScalarAsync<long>(cs, "SELECT setval('public.s', 99, true)"));
        var config = Config(cs, """
                - table: public.t
                  pkColumn: id
                - table: public.u
                  pkColumn: id
            """);

        var plan = await Cli.RunAsync(null, "plan", "--config", config, "--report-dir", Reports("plan"));
        var apply = await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports("apply"));
        var verify = await Cli.RunAsync(null, "verify", "--config", config, "--report-dir", Reports("verify"));

        Assert.True(plan.ExitCode == 0, plan.Stdout + plan.Stderr);
        Assert.Equal(5000, Cli.Sequence(Cli.Report(Reports("plan")), "public.s").GetProperty("targetMax").GetInt64());
        Assert.Equal(70000, Cli.Sequence(Cli.Report(Reports("plan")), "public.u_seq").GetProperty("targetMax").GetInt64());
        Assert.True(apply.ExitCode == 0, apply.Stdout + apply.Stderr);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        await using var check = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { SearchPath = "pg_catalog" }.ConnectionString);
        Assert.Equal((5010L, true), await PostgresCluster.SequenceAsync(check.ConnectionString, "public.s"));
        Assert.Equal((70010L, true), await PostgresCluster.SequenceAsync(check.ConnectionString, "public.u_seq"));
    }

    [PostgresFact]
    public async Task NaN_Infinity_and_text_keys_are_read_or_named_and_the_rest_still_reads()
    {
        var cs = await postgres.NewDatabaseAsync("""
            CREATE SEQUENCE s_nan; CREATE TABLE n_nan (id numeric DEFAULT nextval('s_nan')); INSERT INTO n_nan VALUES (5), ('NaN');
            CREATE SEQUENCE s_inf; CREATE TABLE n_inf (id numeric PRIMARY KEY DEFAULT nextval('s_inf')); INSERT INTO n_inf VALUES (5), ('Infinity');
            CREATE SEQUENCE s_ninf INCREMENT -1 MAXVALUE -1 START -1; CREATE TABLE n_ninf (id numeric DEFAULT nextval('s_ninf')); INSERT INTO n_ninf VALUES (-5), ('-Infinity');
            CREATE SEQUENCE s_txt; CREATE TABLE t_ok (id text DEFAULT nextval('s_txt')); CREATE INDEX ON t_ok (id); INSERT INTO t_ok VALUES ('9'), (' 450 '), ('1200'), (NULL);
            CREATE SEQUENCE s_bad; CREATE TABLE t_bad (id varchar(20) DEFAULT nextval('s_bad')); INSERT INTO t_bad VALUES ('12'), ('A-<17>'), ('13');
            CREATE SEQUENCE s_uuid; CREATE TABLE t_uuid (id uuid);
            CREATE SEQUENCE s_fine; CREATE TABLE fine (id bigint PRIMARY KEY DEFAULT nextval('s_fine')); INSERT INTO fine VALUES (77);
            """);
        var snapshot = await InspectAsync(cs, [
            Entry("public", "n_nan", "id"), Entry("public", "n_inf", "id"), Entry("public", "n_ninf", "id"),
            Entry("public", "t_ok", "id"), Entry("public", "t_bad", "id"), Entry("public", "t_uuid", "id", new QualifiedName("public", "s_uuid")),
            Entry("public", "fine", "id"),
        ]);
        TargetEntryState State(string table) => snapshot.Entries.Single(e => e.Entry.Table!.Name == table && e.Entry.Origin == "configuration");

        foreach (var table in new[] { "n_nan", "n_inf", "n_ninf" })
        {
            Assert.Null(State(table).KeyExtreme);
            Assert.Equal("KEY_NOT_FINITE", State(table).KeyFailure?.Code);
            Assert.Contains($"public.{table}.id", State(table).KeyFailure!.Message, StringComparison.Ordinal);
        }
        Assert.Null(State("t_ok").KeyFailure);
        Assert.Equal(1200, (long)State("t_ok").KeyExtreme!.Value);
        Assert.Equal("KEY_NOT_NUMERIC", State("t_bad").KeyFailure?.Code);
        Assert.Contains("public.t_bad.id", State("t_bad").KeyFailure!.Message, StringComparison.Ordinal);
        Assert.Contains("'A-<17>'", State("t_bad").KeyFailure!.Message, StringComparison.Ordinal);
        Assert.Equal("KEY_COLUMN_NOT_INTEGER", Assert.Single(State("t_uuid").Problems).Code);
        Assert.Equal(77, (long)State("fine").KeyExtreme!.Value);
        Assert.Null(State("fine").KeyFailure);
    }

    [PostgresFact]
    public async Task Sizes_come_from_the_files_right_after_a_load_and_a_partitioned_table_sums_its_partitions()
    {
        var cs = await postgres.NewDatabaseAsync("""
            CREATE TABLE loaded (id bigserial, pad text);
            INSERT INTO loaded (pad) SELECT repeat('x', 200) FROM generate_series(1, 40000);
            CREATE SEQUENCE p_seq;
            CREATE TABLE parted (id bigint DEFAULT nextval('p_seq'), pad text) PARTITION BY RANGE (id);
            CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (1) TO (10001);
            CREATE TABLE parted_2 PARTITION OF parted FOR VALUES FROM (10001) TO (20001);
            INSERT INTO parted (id, pad) SELECT g, repeat('y', 200) FROM generate_series(1, 20000) g;
            """);
        Assert.Equal(0, await PostgresCluster.ScalarAsync<int>(cs, "SELECT relpages FROM pg_class WHERE relname = 'loaded'"));
        var expectedLoaded = await PostgresCluster.ScalarAsync<long>(cs, "SELECT pg_relation_size('loaded') / 8192");
        var expectedParted = await PostgresCluster.ScalarAsync<long>(cs, "SELECT (pg_relation_size('parted_1') + pg_relation_size('parted_2')) / 8192");

        var snapshot = await InspectAsync(cs, [Entry("public", "loaded", "id"), Entry("public", "parted", "id")]);

        Assert.True(expectedLoaded > 1000, $"{expectedLoaded} pages");
        Assert.Equal(expectedLoaded, snapshot.Entries.Single(e => e.Entry.Table!.Name == "loaded").Pages);
        Assert.Equal(expectedParted, snapshot.Entries.Single(e => e.Entry.Table!.Name == "parted").Pages);
        // The partitions are read through their parent, not added again.
        Assert.DoesNotContain(snapshot.Entries, e => e.Entry.Table!.Name.StartsWith("parted_", StringComparison.Ordinal));
        Assert.Equal(20000, (long)snapshot.Entries.Single(e => e.Entry.Table!.Name == "parted").KeyExtreme!.Value);

        var config = Config(cs, """
                - table: loaded
                  pkColumn: id
            """);
        Assert.Equal(0, (await Cli.RunAsync(null, "plan", "--config", config, "--report-dir", Reports("plan"))).ExitCode);
        var message = Cli.Report(Reports("plan")).GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("code").GetString() == "NO_INDEX_ON_KEY").GetProperty("message").GetString();
        Assert.DoesNotContain("~0 B", message, StringComparison.Ordinal);
        Assert.Contains("MB", message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_key_read_stopped_by_statement_timeout_is_named_and_the_other_reads_finish()
    {
        var cs = await postgres.NewDatabaseAsync("""
            CREATE EXTENSION IF NOT EXISTS file_fdw;
            CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
            CREATE SEQUENCE slow_seq; CREATE SEQUENCE huge_seq; SELECT setval('slow_seq', 50);
            CREATE FOREIGN TABLE slow (id bigint) SERVER files OPTIONS (program 'sleep 4; echo 5');
            CREATE FOREIGN TABLE huge (id bigint) SERVER files OPTIONS (program 'sleep 4; echo 6');
            CREATE TABLE fine (id bigserial PRIMARY KEY); INSERT INTO fine VALUES (42);
            CREATE TABLE also_fine (id bigserial); INSERT INTO also_fine VALUES (43);
            """);
        // A foreign table keeps relpages as its size: this one is scanned on its own, the other in a chunk.
        await PostgresCluster.ExecuteAsync(cs, "UPDATE pg_class SET relpages = 5000 WHERE relname = 'huge'");

        var snapshot = await InspectAsync(cs, [
            Entry("public", "fine", "id"), Entry("public", "slow", "id", new QualifiedName("public", "slow_seq")),
            Entry("public", "huge", "id", new QualifiedName("public", "huge_seq")), Entry("public", "also_fine", "id"),
        ], TimeSpan.FromSeconds(1));

        foreach (var table in new[] { "slow", "huge" })
        {
            var state = snapshot.Entries.Single(e => e.Entry.Table!.Name == table);
            Assert.Equal("KEY_READ_TIMEOUT", state.KeyFailure?.Code);
            Assert.Contains($"public.{table}.id", state.KeyFailure!.Message, StringComparison.Ordinal);
            Assert.Contains("target.statementTimeout", state.KeyFailure.Message, StringComparison.Ordinal);
            Assert.Null(state.KeyExtreme);
        }
        Assert.Equal(42, (long)snapshot.Entries.Single(e => e.Entry.Table!.Name == "fine").KeyExtreme!.Value);
        Assert.Equal(43, (long)snapshot.Entries.Single(e => e.Entry.Table!.Name == "also_fine").KeyExtreme!.Value);
        // The position of the sequence whose key read timed out is still read.
        Assert.Equal((50L, true), (snapshot.Entries.Single(e => e.Entry.Table!.Name == "slow").Sequence!.LastValue, snapshot.Entries.Single(e => e.Entry.Table!.Name == "slow").Sequence!.IsCalled));
    }

    [PostgresFact]
    public async Task A_hot_standby_is_read_and_flagged_and_takes_the_apply_lock()
    {
        var primary = await postgres.NewDatabaseAsync("""
            CREATE TABLE t (id bigserial PRIMARY KEY); INSERT INTO t VALUES (321);
            """);
        await using var standby = await postgres.Cluster.StartStandbyAsync(CancellationToken.None);
        var cs = new NpgsqlConnectionStringBuilder(primary) { Port = standby.Port }.ConnectionString;
        for (var i = 0; i < 100 && await PostgresCluster.ScalarAsync<long>(cs, "SELECT count(*) FROM t") == 0; i++)
        {
            await Task.Delay(100);
        }

        await using var target = new PostgresTarget(new TargetConfig(cs, "public"), Log);
        await using (await target.LockAsync(TimeSpan.FromSeconds(5), CancellationToken.None))
        {
            var snapshot = await target.InspectAsync([Entry("public", "t", "id")], CancellationToken.None);
            Assert.True(snapshot.InRecovery);
            Assert.Equal(321, (long)snapshot.Entries.Single().KeyExtreme!.Value);
        }
        Assert.False((await InspectAsync(primary, [Entry("public", "t", "id")])).InRecovery);
    }

    private static Task WaitForWriterBlockedAsync(string cs) =>
        WaitUntilAsync(cs, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cutover-sequencer/write' AND wait_event_type = 'Lock'");

    private static async Task WaitUntilAsync(string cs, string countSql)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await PostgresCluster.ScalarAsync<long>(cs, countSql) > 0)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException(countSql);
    }
}
