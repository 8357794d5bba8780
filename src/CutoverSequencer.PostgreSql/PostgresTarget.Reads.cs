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

    /// <summary>Unindexed tables above this size (8 kB pages: 8 MB) are scanned one per statement.</summary>
    private const long LargeTablePages = 1000;

    /// <summary>Runs each probe query; each row is its ordinal and its one result row as XML (elements k, l, c).</summary>
    private const string ProbeSql = "SELECT u.i, query_to_xml(u.q, false, true, '')::text FROM unnest($1::text[]) WITH ORDINALITY AS u(q, i)";

    /// <summary>
    /// The query run for one entry: its key extreme <c>k</c> (when <paramref name="key"/> is given: the
    /// first key in index order, which plans cheaper than max() and reads the same index edge) and its
    /// sequence's position <c>l</c>, <c>c</c> (when <paramref name="sequence"/> is given). Identifiers
    /// come from the catalog and are always quoted.
    /// </summary>
    internal static string ProbeQuery(TargetColumn? key, bool descending, QualifiedName? sequence)
    {
        var column = key is null ? null : Identifier.Quote(key.Name);
        var extreme = key is null
            ? "NULL::text"
            // Cast outside: inside, ORDER BY would sort by the text output column of the same name.
            : $"(SELECT {column} FROM {key.Table.ToSql()} WHERE {column} IS NOT NULL ORDER BY {column} {(descending ? "ASC" : "DESC")} LIMIT 1)::text";
        return sequence is null
            ? $"SELECT {extreme} AS k, 0 AS l, false AS c"
            : $"SELECT {extreme} AS k, last_value AS l, is_called AS c FROM {sequence.ToSql()}";
    }

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
        bool ReadsKey(TargetEntryState s) => s.Column is not null && s.Sequence is not null && s.Problems.Count == 0 && !s.KeyFromEarlierReading;
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
                log.Information("Key reads: {Done} of {Total} tables; scanning: {Running}", report.Done, report.Total,
                    string.Join(", ", scanning.Take(3).Select(r => $"{r.Entry} ({r.EstimatedBytes >> 20} MB, {r.Elapsed.TotalSeconds:0} s)")));
            }
        }, null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));

        await RunPooledAsync(scans, chunks, ReadBatch, async (use, units, token) =>
        {
            var started = DateTime.UtcNow;
            if (units[0].Probe is null)
            {
                var unit = units[0];
                running[unit.Scan] = started;
                var state = states[unit.Scan];
#pragma warning disable CA2100 // identifiers come from the catalog and are always quoted
                await using var scan = new NpgsqlCommand(
                    $"SELECT {(state.Sequence!.Descending ? "min" : "max")}({Identifier.Quote(state.Column!.Name)})::text FROM {state.Column.Table.ToSql()}", use);
#pragma warning restore CA2100
                var text = await scan.ExecuteScalarAsync(token).ConfigureAwait(false) as string;
                results[unit.Scan] = results[unit.Scan] with { KeyExtreme = text is null ? null : WholeBound(text, state.Sequence.Descending), ScanTime = DateTime.UtcNow - started };
                running.TryRemove(unit.Scan, out _);
                Interlocked.Add(ref pagesDone, state.Pages ?? 0);
                Interlocked.Increment(ref keysDone);
                return;
            }
            var queries = units.Select(unit => unit.Probe!.Select(p => ProbeQuery(p.Key ? states[p.Index].Column : null,
                states[p.Index].Sequence?.Descending ?? false, p.Position ? states[p.Index].Sequence!.Name : null)).ToArray()).ToList();
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
                        results[index] = results[index] with { KeyExtreme = extreme is null ? null : WholeBound(extreme, state.Sequence!.Descending), ScanTime = each };
                        Interlocked.Add(ref pagesDone, state.Pages ?? 0);
                        Interlocked.Increment(ref keysDone);
                    }
                }
            }, token).ConfigureAwait(false);
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
        return sessions[worker] = await PostgresConnections.OpenAsync(reader, Endpoint, cancellationToken, config.ConnectRetries).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts connecting the first session (discovery and inspection run on it) while the caller does
    /// something else, such as taking the lock on its own connection.
    /// </summary>
    private void OpenAhead(CancellationToken cancellationToken)
    {
        if (sessions[0] is null && openingFirst is null)
        {
            openingFirst = PostgresConnections.OpenAsync(reader, Endpoint, cancellationToken, config.ConnectRetries);
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
