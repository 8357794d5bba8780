using System.Diagnostics;
using System.Globalization;
using System.Text;
using CutoverSequencer.Bench;
using CutoverSequencer.PostgreSql;
using Npgsql;

// Benchmark: cutover-sequencer apply against the obvious alternatives, same cluster, same data.
//   dotnet run -c Release --project bench/CutoverSequencer.Bench -- --cli PATH/cutover-sequencer
var options = Options.Parse(args);
var cli = options.Cli ?? throw new ArgumentException("--cli PATH/cutover-sequencer (the published executable) is required (bench/run.sh passes it)");
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"# cutover-sequencer benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
Console.WriteLine($"tables {options.Tables}, unindexed {options.BigTables} x {options.BigRows:N0} rows, sequences {options.Sequences:N0}, max_parallel_workers_per_gather {options.ParallelGather}");

// A DO block over thousands of tables holds a lock on each until it ends: give it room. One scan is one
// server process (no parallel workers), the unit the scan bound counts: with parallel query a single
// scan already uses every core, and max(longest, total / workers) is no longer a floor.
await using var cluster = await LocalCluster.StartAsync(CancellationToken.None, "max_locks_per_transaction=4096", "shared_buffers=512MB",
    $"max_parallel_workers_per_gather={options.ParallelGather}");
await cluster.CreateDatabaseAsync("bench", CancellationToken.None);
var direct = cluster.ConnectionString("bench");
var work = Directory.CreateTempSubdirectory("cutover-bench-").FullName;
var rows = new List<string>();
const int Rounds = 5;

var setup = Stopwatch.StartNew();
await Sql(direct, "CREATE SCHEMA idx; CREATE SCHEMA big; CREATE SCHEMA seqs;");
for (var from = 1; from <= options.Tables; from += 1000)
{
    await Sql(direct, $"""
        DO $$ BEGIN
          FOR i IN {from}..{Math.Min(options.Tables, from + 999)} LOOP
            EXECUTE format('CREATE TABLE idx.%I (id bigserial PRIMARY KEY, v int); INSERT INTO idx.%I (id) SELECT g FROM generate_series(1, 20 + %s) g', 't' || lpad(i::text, 5, '0'), 't' || lpad(i::text, 5, '0'), i % 97);
          END LOOP;
        END $$;
        """);
}
for (var i = 1; i <= options.BigTables; i++)
{
    await Sql(direct, $"CREATE TABLE big.b{i} (id bigserial, pad int); INSERT INTO big.b{i} (id, pad) SELECT g, g FROM generate_series(1, {options.BigRows + (i * 100_000)}) g");
}
for (var from = 1; from <= options.Sequences; from += 2000)
{
    await Sql(direct, $"DO $$ BEGIN FOR i IN {from}..{Math.Min(options.Sequences, from + 1999)} LOOP EXECUTE format('CREATE SEQUENCE seqs.%I', 's' || i); END LOOP; END $$;");
}
await Sql(direct, "VACUUM ANALYZE");
await Sql(direct, "CHECKPOINT"); // the load's dirty pages are written now, not during the measurements
Console.WriteLine($"setup: {setup.Elapsed.TotalSeconds:0.0} s");

await using var relay = new LatencyRelay(cluster.Port, TimeSpan.FromMilliseconds(1));
var relayed = new NpgsqlConnectionStringBuilder(direct) { Port = relay.Port }.ConnectionString;

// Indexed keys: (a) our apply, (b) a per-table client loop, (c) one server-side DO block. The methods
// take turns, five rounds (the client loop once through the relay: it takes minutes); each figure is
// the median, so no method is favoured by running first or last on the shared machine.
foreach (var (label, cs) in new[] { ("direct", direct), ("1 ms relay", relayed) })
{
    var a = new List<(double Seconds, double PeakMb, long Trips)>();
    var b = new List<(double Seconds, long Trips)>();
    var c = new List<(double Seconds, long Trips)>();
    for (var round = 0; round < Rounds; round++)
    {
        await Reset(direct, "idx");
        relay.ResetCount();
        var run = await RunCli(cli, Config(work, "idx", cs, options.Tables), work);
        a.Add((run.Seconds, run.PeakMb, relay.RoundTrips));
        if (label == "direct" || round == 0)
        {
            await Reset(direct, "idx");
            relay.ResetCount();
            b.Add((await Timed(() => ClientLoop(cs, "idx")), relay.RoundTrips));
        }
        await Reset(direct, "idx");
        relay.ResetCount();
        c.Add((await Timed(() => Sql(cs, DoBlock("idx"))), relay.RoundTrips));
    }
    var (am, bm, cm) = (Median(a.Select(x => x.Seconds)), Median(b.Select(x => x.Seconds)), Median(c.Select(x => x.Seconds)));
    var trips = label == "direct" ? "" : $" round trips: (a) {a[0].Trips:N0}, (b) {b[0].Trips:N0}, (c) {c[0].Trips:N0};";
    rows.Add($"| {options.Tables:N0} indexed tables, {label} | {am:0.00} s | {bm:0.00} s | {cm:0.00} s | (a)/(c) = {am / cm:0.00}; (b)/(a) = {bm / am:0.0};{trips} " +
        $"(a) runs {string.Join(", ", a.Select(x => x.Seconds.ToString("0.00", CultureInfo.InvariantCulture)))} s, (c) runs {string.Join(", ", c.Select(x => x.Seconds.ToString("0.00", CultureInfo.InvariantCulture)))} s; peak {a.Max(x => x.PeakMb):0} MB |");
    Console.WriteLine(rows[^1]);
}

// Unindexed keys: whole-table scans, compared with the scans themselves.
for (var i = 1; i <= options.BigTables; i++)
{
    await Sql(direct, $"SELECT max(id) FROM big.b{i}"); // warm-up: the same cache state for both sides
}
var scanTimes = new List<double>();
for (var i = 1; i <= options.BigTables; i++)
{
    scanTimes.Add(await Timed(() => Sql(direct, $"SELECT max(id) FROM big.b{i}")));
}
var workers = Math.Min(Environment.ProcessorCount, options.BigTables);
var bound = Math.Max(scanTimes.Max(), scanTimes.Sum() / workers);
await Reset(direct, "big");
var unindexed = await RunCli(cli, Config(work, "big", direct, options.BigTables), work);
rows.Add($"| {options.BigTables} unindexed tables ({options.BigRows:N0}+ rows each), direct | {unindexed.Seconds:0.00} s | | | longest scan {scanTimes.Max():0.00} s, total {scanTimes.Sum():0.00} s, {workers} workers: bound {bound:0.00} s; (a)/bound = {unindexed.Seconds / bound:0.00}; peak {unindexed.PeakMb:0} MB |");
Console.WriteLine(rows[^1]);

// Many sequences: memory.
var export = Path.Combine(work, "export");
Directory.CreateDirectory(export);
var csv = new StringBuilder("SEQUENCE_OWNER,SEQUENCE_NAME,MIN_VALUE,MAX_VALUE,INCREMENT_BY,CYCLE_FLAG,ORDER_FLAG,CACHE_SIZE,LAST_NUMBER\n");
var yaml = new StringBuilder($"source:\n  kind: oracle-export\n  exportDirectory: {export}\n  schemaMapping:\n    SEQS: seqs\ntarget:\n  connectionString: \"{direct}\"\n  schema: seqs\nsequenceAdvancement:\n  safetyMargin: 100\n  tables:\n");
for (var i = 1; i <= options.Sequences; i++)
{
    csv.Append(CultureInfo.InvariantCulture, $"SEQS,S{i},1,9999999999999999999999999999,1,N,N,20,{1000 + i}\n");
    yaml.Append(CultureInfo.InvariantCulture, $"    - sequence: s{i}\n");
}
await File.WriteAllTextAsync(Path.Combine(export, "sequences.csv"), csv.ToString());
var manyConfig = Path.Combine(work, "many.yaml");
await File.WriteAllTextAsync(manyConfig, yaml.ToString());
var many = await RunCli(cli, manyConfig, work);
rows.Add($"| {options.Sequences:N0} sequences (oracle-export), direct | {many.Seconds:0.00} s | | | peak memory {many.PeakMb:0} MB |");
Console.WriteLine(rows[^1]);

Console.WriteLine();
Console.WriteLine("| Scenario | (a) cutover-sequencer apply | (b) client loop | (c) DO block | Figures |");
Console.WriteLine("|---|--:|--:|--:|---|");
rows.ForEach(Console.WriteLine);
Directory.Delete(work, recursive: true);
return 0;

static string Config(string work, string schema, string cs, int count)
{
    var path = Path.Combine(work, $"{schema}-{Math.Abs(cs.GetHashCode(StringComparison.Ordinal))}.yaml");
    File.WriteAllText(path, $"source:\n  kind: none\ntarget:\n  connectionString: \"{cs}\"\n  schema: {schema}\nsequenceAdvancement:\n  discover: true\n  safetyMargin: 100\n");
    return path;
}

static async Task<(double Seconds, double PeakMb)> RunCli(string cli, string config, string work)
{
    // The published executable as a user runs it; a framework-dependent .dll goes through the dotnet host.
    var dll = cli.EndsWith(".dll", StringComparison.Ordinal);
    var start = new ProcessStartInfo(dll ? "dotnet" : cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var argument in (dll ? new[] { cli } : []).Concat(["apply", "--config", config, "--report-dir", Path.Combine(work, "reports", Guid.NewGuid().ToString("N"))]))
    {
        start.ArgumentList.Add(argument);
    }
    if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1")
    {
        start.ArgumentList.Add("--verbose");
    }
    var watch = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEndAsync();
    var errors = process.StandardError.ReadToEndAsync();
    long peakKb = 0;
    while (!process.HasExited)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                peakKb = Math.Max(peakKb, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
            }
        }
        catch (IOException)
        {
        }
        await Task.Delay(10);
    }
    await process.WaitForExitAsync();
    var seconds = watch.Elapsed.TotalSeconds;
    if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1")
    {
        Console.Error.WriteLine(await errors);
    }
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"apply exited {process.ExitCode}:\n{await output}\n{await errors}");
    }
    return (seconds, peakKb / 1024.0);
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static async Task<double> Timed(Func<Task> work)
{
    var watch = Stopwatch.StartNew();
    await work();
    return watch.Elapsed.TotalSeconds;
}

static async Task Sql(string cs, string sql)
{
    await using var connection = new NpgsqlConnection(cs);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
    await command.ExecuteNonQueryAsync();
}

static Task Reset(string cs, string schema) =>
    Sql(cs, $"SELECT setval(c.oid::regclass, 1, false) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = '{schema}'");

// What scripts and generated SQL do: per table, one MAX round trip and one setval round trip.
static async Task ClientLoop(string cs, string schema)
{
    await using var connection = new NpgsqlConnection(cs);
    await connection.OpenAsync();
    var targets = new List<(string Table, string Column, string Sequence)>();
    await using (var list = new NpgsqlCommand($"""
        SELECT format('%I.%I', n.nspname, c.relname), a.attname, pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1
        WHERE n.nspname = '{schema}' AND c.relkind = 'r' ORDER BY 1
        """, connection))
    await using (var reader = await list.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            targets.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
    }
    foreach (var (table, column, sequence) in targets)
    {
        await using var max = new NpgsqlCommand($"SELECT max(\"{column}\") FROM {table}", connection);
        var value = await max.ExecuteScalarAsync() is long m ? m : 0;
        await using var set = new NpgsqlCommand("SELECT setval($1::regclass, $2)", connection);
        set.Parameters.Add(new NpgsqlParameter { Value = sequence });
        set.Parameters.Add(new NpgsqlParameter { Value = value + 100 });
        await set.ExecuteScalarAsync();
    }
}

// The practical floor (seed 003 style): everything server-side, no verification, no report.
static string DoBlock(string schema) => $"""
    DO $$ DECLARE r record; m bigint; BEGIN
      FOR r IN SELECT format('%I.%I', n.nspname, c.relname) AS tbl, a.attname AS col,
                      pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) AS seq
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1
               WHERE n.nspname = '{schema}' AND c.relkind = 'r'
      LOOP
        EXECUTE format('SELECT max(%I) FROM %s', r.col, r.tbl) INTO m;
        PERFORM setval(r.seq, coalesce(m, 0) + 100);
      END LOOP;
    END $$;
    """;

internal sealed record Options(string? Cli, int Tables, int BigTables, int BigRows, int Sequences, int ParallelGather)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var quick = args.Contains("--quick");
        return new Options(Value("--cli"), Number("--tables", quick ? 500 : 5000), Number("--big-tables", quick ? 2 : 4),
            Number("--big-rows", quick ? 300_000 : 60_000_000), Number("--sequences", quick ? 5000 : 50_000), Number("--parallel-gather", 0));
    }
}
