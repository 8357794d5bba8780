using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using System.Numerics;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>
/// Reading positions and keys at schema scale. A chunk of tables costs one plain, read-only SELECT:
/// <c>query_to_xml()</c> runs each table's key read and its sequence's
/// <c>SELECT last_value, is_called</c> on the server, so 500 tables are 500 short server-side
/// queries and one round trip, with no temporary objects and only AccessShare locks.
/// Whole-table scans (keys without an index) run one per statement, largest first, on the same pool.
/// </summary>
public sealed partial class PostgresTarget
{
    private const int ChunkSize = 500;

    /// <summary>Chunks a session sends in one round trip when reading (its own, in order).</summary>
    private const int ReadBatch = 8;

    /// <summary>Unindexed tables above this size (8 kB pages from pg_relation_size: 8 MB) are scanned one per statement.</summary>
    private const long LargeTablePages = 1000;

    /// <summary>Runs each probe query; each row is its ordinal and its one result row as XML (elements k, l, c).</summary>
    private const string ProbeSql =
        "SELECT u.i, pg_catalog.query_to_xml(u.q, false, true, '')::pg_catalog.text FROM pg_catalog.unnest($1::pg_catalog.text[]) WITH ORDINALITY AS u(q, i)";

    /// <summary>A text value that reads as a whole number (numeric input accepts the same spaces and sign); no backslash, so standard_conforming_strings does not matter.</summary>
    private const string WholeNumberPattern = "'^[[:space:]]*[+-]?[0-9]+[[:space:]]*$'";

    /// <summary>
    /// The query run for one entry: its key extreme <c>k</c> (when <paramref name="key"/> is given: the
    /// first key in index order, which plans cheaper than max() and reads the same index edge) and its
    /// sequence's position <c>l</c>, <c>c</c> (when <paramref name="sequence"/> is given). Identifiers
    /// come from the catalog and are always quoted.
    /// </summary>
    internal static string ProbeQuery(TargetColumn? key, bool descending, QualifiedName? sequence)
    {
        var position = sequence is null ? "0 AS l, false AS c" : "last_value AS l, is_called AS c";
        var from = sequence is null ? "" : $" FROM {sequence.ToSql()}";
        if (key is not null && IsTextKey(key))
        {
            // One scan: the numeric extreme of the whole-number values (k) and one value that is not (b).
            return $"SELECT x.k, x.b, {position} FROM ({TextKeySelect(key, descending)}) x{(sequence is null ? "" : $" CROSS JOIN {sequence.ToSql()}")}";
        }
        var column = key is null ? null : Identifier.Quote(key.Name);
        var extreme = key is null
            ? "NULL::pg_catalog.text"
            // Cast outside: inside, ORDER BY would sort by the text output column of the same name.
            : $"(SELECT {column} FROM {key.Table.ToSql()} WHERE {column} IS NOT NULL ORDER BY {column} {(descending ? "ASC" : "DESC")} LIMIT 1)::pg_catalog.text";
        if (key is not null && descending && HoldsNonFinite(key))
        {
            // NaN and Infinity sort above every number: the lowest key never shows them, the highest does.
            extreme = $"COALESCE((SELECT x FROM (SELECT {column}::pg_catalog.text AS x FROM {key.Table.ToSql()} WHERE {column} IS NOT NULL " +
                $"ORDER BY {column} DESC LIMIT 1) top WHERE x IN ('NaN', 'Infinity')), {extreme})";
        }
        return $"SELECT {extreme} AS k, {position}{from}";
    }

    /// <summary>
    /// A whole-table read of one key: its extreme as text (k) and, for a text key, the extreme of its
    /// whole-number values (k) and an example of a value that is not one (b, NULL when all are).
    /// </summary>
    internal static string ScanQuery(TargetColumn key, bool descending) => IsTextKey(key)
        ? TextKeySelect(key, descending)
        : descending && HoldsNonFinite(key)
            // One scan for both ends: NaN and Infinity sort above every number, so only max() shows them.
            ? $"SELECT CASE WHEN pg_catalog.max({Identifier.Quote(key.Name)})::pg_catalog.text IN ('NaN', 'Infinity') THEN pg_catalog.max({Identifier.Quote(key.Name)})::pg_catalog.text " +
              $"ELSE pg_catalog.min({Identifier.Quote(key.Name)})::pg_catalog.text END AS k, NULL::pg_catalog.text AS b FROM {key.Table.ToSql()}"
            : $"SELECT pg_catalog.{(descending ? "min" : "max")}({Identifier.Quote(key.Name)})::pg_catalog.text AS k, NULL::pg_catalog.text AS b FROM {key.Table.ToSql()}";

    /// <summary>numeric columns can hold NaN (and, unconstrained, ±Infinity); integer types cannot.</summary>
    private static bool HoldsNonFinite(TargetColumn key) => key.DataType.StartsWith("numeric", StringComparison.Ordinal);

    private static string TextKeySelect(TargetColumn key, bool descending)
    {
        var column = $"{Identifier.Quote(key.Name)}::pg_catalog.text";
        return $"SELECT pg_catalog.{(descending ? "min" : "max")}(CASE WHEN {column} ~ {WholeNumberPattern} THEN {column}::pg_catalog.numeric END)::pg_catalog.text AS k, " +
            $"pg_catalog.left(pg_catalog.min({column}) FILTER (WHERE {column} !~ {WholeNumberPattern}), 40) AS b FROM {key.Table.ToSql()}";
    }

    /// <summary>The example of a non-numeric key a text key's probe returned (element b, XML-escaped), or null.</summary>
    internal static string? ProbeBadValue(string xml)
    {
        var start = xml.IndexOf("<b>", StringComparison.Ordinal);
        var end = start < 0 ? -1 : xml.IndexOf("</b>", start, StringComparison.Ordinal);
        return end < 0 ? null : System.Net.WebUtility.HtmlDecode(xml[(start + 3)..end]);
    }

    /// <summary>
    /// The entry with the key read: a whole bound, or a KeyFailure when the extreme is NaN/Infinity
    /// or a text key holds a value that is not a whole number.
    /// </summary>
    private static TargetEntryState WithKey(TargetEntryState state, string? extreme, string? bad, TimeSpan took)
    {
        var descending = state.Sequence!.Descending;
        var column = state.Column!;
        var where = $"{column.Table}.{Identifier.Display(column.Name)}";
        if (bad is not null)
        {
            return state with
            {
                KeyExtreme = null, ScanTime = took,
                KeyFailure = Problem(Core.Findings.FindingCatalog.KeyNotNumeric, state.Entry.Describe(),
                    $"{where} ({column.DataType}) is fed by {state.Sequence.Name} but holds values that are not whole numbers, for example '{bad}': its highest sequence-issued key cannot be read."),
            };
        }
        if (extreme is "NaN" or "Infinity" or "-Infinity")
        {
            return state with
            {
                KeyExtreme = null, ScanTime = took,
                KeyFailure = Problem(Core.Findings.FindingCatalog.KeyNotFinite, state.Entry.Describe(),
                    $"{where} ({column.DataType}) holds {extreme}: no finite value of {state.Sequence.Name} can be proven to clear its keys."),
            };
        }
        return state with { KeyExtreme = extreme is null ? null : WholeBound(extreme, descending), ScanTime = took };
    }

    /// <summary>A key read stopped by the server's statement_timeout (not by this process's cancellation).</summary>
    private bool IsStatementTimeout(Exception e, CancellationToken token) =>
        e is PostgresException { SqlState: "57014" } && config.StatementTimeout is not null && !token.IsCancellationRequested;

    private TargetEntryState WithTimeout(TargetEntryState state) => state with
    {
        KeyExtreme = null,
        KeyFailure = Problem(Core.Findings.FindingCatalog.KeyReadTimeout, state.Entry.Describe(), string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Reading the {(state.Sequence!.Descending ? "lowest" : "highest")} key of {state.Column!.Table}.{Identifier.Display(state.Column.Name)} ({(state.KeyIndexed ? "indexed" : "no index starts with it")}{((state.Pages ?? 0) * 8192 >> 20 is > 0 and var mb ? $", ~{mb} MB" : "")}) was stopped by statement_timeout ({config.StatementTimeout!.Value.TotalSeconds:0.###} s, target.statementTimeout); raise target.statementTimeout or create the key index, then re-run.")),
    };

    /// <summary>Reads the values a probe query returned inside query_to_xml's row element (a NULL key is left out).</summary>
    internal static (string? Extreme, long LastValue, bool IsCalled) ParseProbe(string xml)
    {
        static string? Element(string xml, string name)
        {
            var start = xml.IndexOf($"<{name}>", StringComparison.Ordinal);
            var end = start < 0 ? -1 : xml.IndexOf($"</{name}>", start, StringComparison.Ordinal);
            return end < 0 ? null : xml[(start + name.Length + 2)..end];
        }
        var called = Element(xml, "c");
        if (!long.TryParse(Element(xml, "l"), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var last)
            || called is not ("true" or "false"))
        {
            throw new InvalidOperationException($"unexpected probe result '{xml}'");
        }
        return (Element(xml, "k"), last, called == "true");
    }

    /// <summary>Positions of every resolved sequence and key extremes of every usable entry.</summary>
    private async Task<List<TargetEntryState>> ReadStatesAsync(List<TargetEntryState> states, CancellationToken cancellationToken)
    {
        bool ReadsKey(TargetEntryState s) => s.Column is not null && s.Sequence is not null && s.Problems.Count == 0;
        bool IsLarge(TargetEntryState s) => !s.KeyIndexed && (s.Pages ?? 0) > LargeTablePages;

        // One position read per sequence (several tables may share one), on its first entry.
        var positionRead = new HashSet<QualifiedName>();
        var probes = new List<(int Index, bool Key, bool Position)>();
        for (var i = 0; i < states.Count; i++)
        {
            var s = states[i];
            var key = ReadsKey(s) && !IsLarge(s);
            var position = s.Sequence is not null && positionRead.Add(s.Sequence.Name);
            if (key || position)
            {
                probes.Add((i, key, position));
            }
        }
        var large = Enumerable.Range(0, states.Count).Where(i => ReadsKey(states[i]) && IsLarge(states[i])).OrderByDescending(i => states[i].Pages).ToList();
        // Large scans first, on whichever worker is free (the longest decides the wall time); then the
        // probe chunks, unindexed tables first.
        var scans = large.Select(i => new ReadUnit(i, null)).ToList();
        var chunks = probes.OrderByDescending(p => p.Key && !states[p.Index].KeyIndexed ? states[p.Index].Pages ?? 0 : 0).Chunk(ChunkSize).Select(c => new ReadUnit(-1, c)).ToList();

        var results = states.ToArray();
        var positions = new ConcurrentDictionary<QualifiedName, (long LastValue, bool IsCalled)>();
        var running = new ConcurrentDictionary<int, DateTime>();
        var keysTotal = states.Count(ReadsKey);
        var keysDone = 0;
        var pagesTotal = states.Where(ReadsKey).Sum(s => s.Pages ?? 0);
        long pagesDone = 0;
        var lastLog = DateTime.UtcNow;
        // Every 250 ms to the interactive display when there is one; otherwise a log line every 5 s.
        using var progress = new Timer(_ =>
        {
            var now = DateTime.UtcNow;
            if (Progress is null && now - lastLog < TimeSpan.FromSeconds(5))
            {
                return;
            }
            var scanning = running.Select(r => new RunningScan(states[r.Key].Entry.Describe(), (states[r.Key].Pages ?? 0) * 8192, now - r.Value))
                .OrderByDescending(r => r.Elapsed).ToList();
            var report = new KeyReadProgress(Volatile.Read(ref keysDone), keysTotal, Interlocked.Read(ref pagesDone) * 8192, pagesTotal * 8192, scanning);
            if (Progress is { } show)
            {
                show(report);
            }
            else
            {
                lastLog = now;
                log.LogInformation("Key reads: {Done} of {Total} tables; scanning: {Running}", report.Done, report.Total,
                    string.Join(", ", scanning.Take(3).Select(r => $"{r.Entry} ({r.EstimatedBytes >> 20} MB, {r.Elapsed.TotalSeconds:0} s)")));
            }
        }, null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));

        // Chunks in one round trip; a chunk stopped by statement_timeout is read again one probe per
        // statement, so the timeout falls on the entries that cause it and the rest are read (an
        // entry whose own probe times out gets KEY_READ_TIMEOUT, its sequence's position is read alone).
        async Task ProbeUnitsAsync(NpgsqlConnection use, IReadOnlyList<ReadUnit> units, CancellationToken token)
        {
            var started = DateTime.UtcNow;
            var delivered = 0;
            var queries = units.Select(unit => unit.Probe!.Select(p => ProbeQuery(p.Key ? states[p.Index].Column : null,
                states[p.Index].Sequence?.Descending ?? false, p.Position ? states[p.Index].Sequence!.Name : null)).ToArray()).ToList();
            try
            {
                await ProbeAsync(use, queries, (k, values) =>
                {
                    var probe = units[k].Probe!;
                    var now = DateTime.UtcNow;
                    var each = (now - started) / probe.Length;
                    started = now;
                    for (var j = 0; j < probe.Length; j++)
                    {
                        var (index, key, position) = probe[j];
                        var (extreme, last, called) = ParseProbe(values[j]);
                        var state = states[index];
                        if (position)
                        {
                            positions[state.Sequence!.Name] = (last, called);
                        }
                        if (key)
                        {
                            results[index] = WithKey(results[index], extreme, ProbeBadValue(values[j]), each);
                            Interlocked.Add(ref pagesDone, state.Pages ?? 0);
                            Interlocked.Increment(ref keysDone);
                        }
                    }
                    delivered = k + 1;
                }, token).ConfigureAwait(false);
            }
            catch (Exception e) when (IsStatementTimeout(e, token))
            {
                var failed = units[delivered].Probe!;
                if (failed.Length == 1 && failed[0].Key)
                {
                    var (index, _, position) = failed[0];
                    log.LogWarning("Key read of {Entry} stopped by statement_timeout", states[index].Entry.Describe());
                    results[index] = WithTimeout(results[index]);
                    Interlocked.Increment(ref keysDone);
                    if (position)
                    {
                        await ProbeUnitsAsync(use, [new ReadUnit(-1, [(index, false, true)])], token).ConfigureAwait(false);
                    }
                }
                else if (failed.Length == 1)
                {
                    throw;
                }
                else
                {
                    foreach (var probe in failed)
                    {
                        await ProbeUnitsAsync(use, [new ReadUnit(-1, [probe])], token).ConfigureAwait(false);
                    }
                }
                if (delivered + 1 < units.Count)
                {
                    await ProbeUnitsAsync(use, [.. units.Skip(delivered + 1)], token).ConfigureAwait(false);
                }
            }
        }

        await RunPooledAsync(scans, chunks, ReadBatch, async (use, units, token) =>
        {
            var started = DateTime.UtcNow;
            if (units[0].Probe is null)
            {
                var unit = units[0];
                running[unit.Scan] = started;
                var state = states[unit.Scan];
#pragma warning disable CA2100 // identifiers come from the catalog and are always quoted
                await using var scan = new NpgsqlCommand(ScanQuery(state.Column!, state.Sequence!.Descending), use);
#pragma warning restore CA2100
                try
                {
                    await using var row = await scan.ExecuteReaderAsync(token).ConfigureAwait(false);
                    await row.ReadAsync(token).ConfigureAwait(false);
                    results[unit.Scan] = WithKey(results[unit.Scan], row.IsDBNull(0) ? null : row.GetString(0), row.IsDBNull(1) ? null : row.GetString(1), DateTime.UtcNow - started);
                }
                catch (Exception e) when (IsStatementTimeout(e, token))
                {
                    // The session is usable again (the statement alone failed); the other reads go on.
                    log.LogWarning("Key read of {Entry} stopped by statement_timeout", state.Entry.Describe());
                    results[unit.Scan] = WithTimeout(results[unit.Scan]);
                }
                running.TryRemove(unit.Scan, out _);
                Interlocked.Add(ref pagesDone, state.Pages ?? 0);
                Interlocked.Increment(ref keysDone);
                return;
            }
            await ProbeUnitsAsync(use, units, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        Progress?.Invoke(new KeyReadProgress(keysTotal, keysTotal, pagesTotal * 8192, pagesTotal * 8192, []));

        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Sequence is { } sequence && positions.TryGetValue(sequence.Name, out var at))
            {
                results[i] = results[i] with { Sequence = sequence with { LastValue = at.LastValue, IsCalled = at.IsCalled } };
            }
        }
        return [.. results];
    }

    /// <summary>
    /// Called every 250 ms while keys are read (and once when they are all read) instead of the
    /// periodic log line: the command line draws it on an interactive terminal.
    /// </summary>
    public Action<KeyReadProgress>? Progress { get; init; }

    /// <summary>A whole-table scan of one entry, or a chunk of probes (entry, read its key, read its position).</summary>
    private sealed record ReadUnit(int Scan, (int Index, bool Key, bool Position)[]? Probe);

    /// <summary>Current positions of these sequences, on one connection (after a failed apply: what did reach its value).</summary>
    private static async Task<Dictionary<QualifiedName, TargetSequence>> ReadPositionsAsync(NpgsqlConnection connection, List<TargetSequence> sequences, CancellationToken cancellationToken)
    {
        var result = new Dictionary<QualifiedName, TargetSequence>();
        var chunks = sequences.DistinctBy(s => s.Name).Chunk(ChunkSize).ToList();
        await ProbeAsync(connection, [.. chunks.Select(chunk => chunk.Select(s => ProbeQuery(null, false, s.Name)).ToArray())], (k, values) =>
        {
            for (var j = 0; j < chunks[k].Length; j++)
            {
                var (_, last, called) = ParseProbe(values[j]);
                result[chunks[k][j].Name] = chunks[k][j] with { LastValue = last, IsCalled = called };
            }
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Several chunks in one round trip, each its own statement and implicit transaction (an error
    /// barrier after each: its locks are released before the next runs). The server starts on the
    /// next chunk while the rows of the one before are still being read.
    /// </summary>
    private static async Task ProbeAsync(NpgsqlConnection connection, IReadOnlyList<string[]> chunks, Action<int, string[]> read, CancellationToken cancellationToken)
    {
        if (chunks.Count == 0)
        {
            return;
        }
        await using var batch = new NpgsqlBatch(connection) { EnableErrorBarriers = true };
        foreach (var queries in chunks)
        {
            var statement = new NpgsqlBatchCommand(ProbeSql);
            statement.Parameters.Add(new NpgsqlParameter { Value = queries });
            batch.BatchCommands.Add(statement);
        }
        await using var rows = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < chunks.Count; k++)
        {
            if (k > 0 && !await rows.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"probe statement {k + 1} of {chunks.Count} returned no result");
            }
            var values = new string[chunks[k].Length];
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                values[rows.GetInt64(0) - 1] = rows.GetString(1);
            }
            read(k, values);
        }
    }

    /// <summary>
    /// Sessions held for the whole run, one per worker: a chunk goes to the same worker at inspection,
    /// at apply and at verification, so each server process reads a table's catalog entries once.
    /// Default read-only; apply writes in explicit READ WRITE transactions.
    /// </summary>
    private readonly NpgsqlConnection?[] sessions = new NpgsqlConnection?[Math.Max(1, config.MaxParallelism)];

    /// <summary>A session being opened ahead of its first use (<see cref="OpenAhead"/>).</summary>
    private Task<NpgsqlConnection>? openingFirst;

    private async Task<NpgsqlConnection> SessionAsync(int worker, CancellationToken cancellationToken)
    {
        if (sessions[worker] is { State: System.Data.ConnectionState.Open } open)
        {
            return open;
        }
        await DropSessionAsync(worker).ConfigureAwait(false);
        if (worker == 0 && openingFirst is { } opening)
        {
            openingFirst = null;
            return sessions[0] = await opening.ConfigureAwait(false);
        }
        return sessions[worker] = await OpenOwnAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts connecting the first session (discovery and inspection run on it) while the caller does
    /// something else, such as taking the lock on its own connection.
    /// </summary>
    private void OpenAhead(CancellationToken cancellationToken)
    {
        if (sessions[0] is null && openingFirst is null)
        {
            openingFirst = OpenOwnAsync(reader, cancellationToken);
        }
    }

    /// <summary>A session that failed (broken, cancelled, or in an aborted transaction) is not used again.</summary>
    private async Task DropSessionAsync(int worker)
    {
        if (sessions[worker] is { } session)
        {
            sessions[worker] = null;
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs the units on up to <c>target.maxParallelism</c> held sessions: <paramref name="shared"/>
    /// first, taken by whichever worker is free (long scans); then <paramref name="partitioned"/>,
    /// unit j on worker j mod workers (the same tables on the same session in every pass), taking
    /// other workers' units once its own are done. The first failure stops the other workers and is
    /// the one thrown.
    /// </summary>
    private Task RunPooledAsync<T>(IReadOnlyList<T> shared, IReadOnlyList<T> partitioned,
        Func<NpgsqlConnection, T, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        RunPooledAsync(shared, partitioned, 1, (session, units, token) => work(session, units[0], token), cancellationToken);

    /// <summary>
    /// As above, handing a worker up to <paramref name="batch"/> of its own partitioned units at once
    /// (shared and stolen units one at a time), so it can send them in one round trip.
    /// </summary>
    private async Task RunPooledAsync<T>(IReadOnlyList<T> shared, IReadOnlyList<T> partitioned, int batch,
        Func<NpgsqlConnection, IReadOnlyList<T>, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var count = Math.Max(1, Math.Min(sessions.Length, shared.Count + partitioned.Count));
        var common = new ConcurrentQueue<T>(shared);
        var own = Enumerable.Range(0, count).Select(w => new ConcurrentQueue<T>(partitioned.Where((_, j) => j % count == w))).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = Enumerable.Range(0, count).Select(async worker =>
        {
            try
            {
                var session = await SessionAsync(worker, stop.Token).ConfigureAwait(false);
                var units = new List<T>(batch);
                while (!stop.IsCancellationRequested)
                {
                    units.Clear();
                    if (common.TryDequeue(out var unit))
                    {
                        units.Add(unit);
                    }
                    else
                    {
                        while (units.Count < batch && own[worker].TryDequeue(out unit))
                        {
                            units.Add(unit);
                        }
                        if (units.Count == 0 && own.Any(q => q.TryDequeue(out unit)))
                        {
                            units.Add(unit!);
                        }
                    }
                    if (units.Count == 0)
                    {
                        break;
                    }
                    await work(session, units, stop.Token).ConfigureAwait(false);
                }
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await DropSessionAsync(worker).ConfigureAwait(false);
                throw;
            }
        }).ToList();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch when (workers.Any(w => w.IsFaulted && w.Exception!.InnerExceptions[0] is not OperationCanceledException))
        {
            // The failure that stopped the pool, not the cancellations it caused.
            throw workers.Select(w => w.Exception?.InnerExceptions[0]).First(e => e is not null and not OperationCanceledException)!;
        }
    }

    /// <summary>A numeric key as a whole number on the safe side: ceiling for MAX, floor for MIN.</summary>
    internal static BigInteger WholeBound(string text, bool descending)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = BigInteger.Parse(dot < 0 ? text : text[..dot], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture);
        if (dot < 0 || text[(dot + 1)..].All(c => c == '0'))
        {
            return whole;
        }
        var negative = text.StartsWith('-');
        // Truncation moved toward zero; step away on the side that keeps the bound safe.
        return descending ? (negative ? whole - 1 : whole) : (negative ? whole : whole + 1);
    }
}

/// <summary>Key reads so far; sizes are estimates from pg_class.relpages.</summary>
public sealed record KeyReadProgress(int Done, int Total, long EstimatedBytesDone, long EstimatedBytesTotal, IReadOnlyList<RunningScan> Running);

/// <summary>A whole-table scan under way.</summary>
public sealed record RunningScan(string Entry, long EstimatedBytes, TimeSpan Elapsed);
