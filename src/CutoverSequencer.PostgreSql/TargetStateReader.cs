using CutoverSequencer.Core.Findings;
using System.Collections.Concurrent;
using System.Globalization;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Stage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>
/// Reading positions and keys at schema scale. A chunk of tables costs one plain, read-only SELECT:
/// <c>query_to_xml()</c> runs each table's key read and its sequence's
/// <c>SELECT last_value, is_called</c> on the server, so 500 tables are 500 short server-side
/// queries and one round trip, with no temporary objects and only AccessShare locks.
/// Whole-table scans (keys without an index) run one per statement, largest first, on the same pool.
/// </summary>
internal sealed class TargetStateReader(TargetConfig config, SessionPool pool, ILogger log)
{
    /// <summary>Chunks a session sends in one round trip when reading (its own, in order).</summary>
    private const int ReadBatch = 8;

    /// <summary>
    /// Unindexed tables above this size (8 kB pages from pg_relation_size: 8 MB) are scanned one per statement.
    /// </summary>
    private const long LargeTablePages = 1000;

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
                KeyFailure = TargetProblem.Create(FindingCatalog.KeyNotNumeric, state.Entry.Describe(),
                    ("column", where), ("type", column.DataType), ("sequence", state.Sequence.Name),
                    ("example", bad)),
            };
        }
        if (extreme is "NaN" or "Infinity" or "-Infinity")
        {
            return state with
            {
                KeyExtreme = null, ScanTime = took,
                KeyFailure = TargetProblem.Create(FindingCatalog.KeyNotFinite, state.Entry.Describe(),
                    ("column", where), ("type", column.DataType), ("value", extreme),
                    ("sequence", state.Sequence.Name)),
            };
        }
        return state with
        {
            KeyExtreme = extreme is null ? null : ProbeQueries.WholeBound(extreme, descending), ScanTime = took,
        };
    }

    /// <summary>A key read stopped by the server's statement_timeout (not by this process's cancellation).</summary>
    private bool IsStatementTimeout(Exception e, CancellationToken token) =>
        e is PostgresException { SqlState: "57014" } && config.StatementTimeout is not null
        && !token.IsCancellationRequested;

    private TargetEntryState WithTimeout(TargetEntryState state)
    {
        var column = state.Column!;
        var bytes = (state.Pages ?? 0) * 8192L;
        return state with
        {
            KeyExtreme = null,
            KeyFailure = TargetProblem.Create(FindingCatalog.KeyReadTimeout,
                state.KeyIndexed ? null : "unindexed", state.Entry.Describe(),
                ("end", state.Sequence!.Descending ? "lowest" : "highest"),
                ("column", $"{column.Table}.{Identifier.Display(column.Name)}"),
                ("size", bytes >= 1 << 20 ? bytes : null),
                ("seconds", config.StatementTimeout!.Value.TotalSeconds)),
        };
    }

    /// <summary>Positions of every resolved sequence and key extremes of every usable entry.</summary>
    public async Task<List<TargetEntryState>> ReadStatesAsync(List<TargetEntryState> states,
        IProgress<KeyReadProgress>? progress,
        CancellationToken cancellationToken)
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
        var large = Enumerable.Range(0, states.Count).Where(i => ReadsKey(states[i]) && IsLarge(states[i]))
            .OrderByDescending(i => states[i].Pages).ToList();
        // Large scans first, on whichever worker is free (the longest decides the wall time); then the
        // probe chunks, unindexed tables first.
        var scans = large.Select(i => new ReadUnit(i, null)).ToList();
        var chunks = probes
            .OrderByDescending(p => p.Key && !states[p.Index].KeyIndexed ? states[p.Index].Pages ?? 0 : 0)
            .Chunk(SequencePositionReader.ChunkSize).Select(c => new ReadUnit(-1, c)).ToList();

        var results = states.ToArray();
        var positions = new ConcurrentDictionary<QualifiedName, (long LastValue, bool IsCalled)>();
        var running = new ConcurrentDictionary<int, DateTime>();
        var keysTotal = states.Count(ReadsKey);
        var keysDone = 0;
        var pagesTotal = states.Where(ReadsKey).Sum(s => s.Pages ?? 0);
        long pagesDone = 0;
        // Sampled every 250 ms for the caller's display; without one, a log line every 5 s.
        var sink = progress ?? new KeyReadLog(log);
        await using var sampler = new Timer(_ =>
        {
            var now = DateTime.UtcNow;
            var scanning = running
                .Select(r => new RunningScan(states[r.Key].Entry.Describe(), (states[r.Key].Pages ?? 0) * 8192,
                    now - r.Value))
                .OrderByDescending(r => r.Elapsed).ToList();
            sink.Report(new KeyReadProgress(Volatile.Read(ref keysDone), keysTotal,
                Interlocked.Read(ref pagesDone) * 8192,
                pagesTotal * 8192, scanning));
        }, null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));

        // Chunks in one round trip; a chunk stopped by statement_timeout is read again one probe per
        // statement, so the timeout falls on the entries that cause it and the rest are read (an
        // entry whose own probe times out gets KEY_READ_TIMEOUT, its sequence's position is read alone).
        async Task ProbeUnitsAsync(NpgsqlConnection use, IReadOnlyList<ReadUnit> units, CancellationToken token)
        {
            var started = DateTime.UtcNow;
            var delivered = 0;
            var queries = units.Select(unit => unit.Probe!.Select(p => ProbeQueries.ProbeQuery(
                    p.Key ? states[p.Index].Column : null,
                    states[p.Index].Sequence?.Descending ?? false,
                    p.Position ? states[p.Index].Sequence!.Name : null)).ToArray())
                .ToList();
            try
            {
                await SequencePositionReader.ProbeAsync(use, queries, (k, values) =>
                {
                    var probe = units[k].Probe!;
                    var now = DateTime.UtcNow;
                    var each = (now - started) / probe.Length;
                    started = now;
                    for (var j = 0; j < probe.Length; j++)
                    {
                        var (index, key, position) = probe[j];
                        var (extreme, last, called) = ProbeQueries.ParseProbe(values[j]);
                        var state = states[index];
                        if (position)
                        {
                            positions[state.Sequence!.Name] = (last, called);
                        }
                        if (key)
                        {
                            var bad = ProbeQueries.ProbeBadValue(values[j]);
                            results[index] = WithKey(results[index], extreme, bad, each);
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
                        await ProbeUnitsAsync(use, [new ReadUnit(-1, [(index, false, true)])], token)
                            .ConfigureAwait(false);
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

        await pool.RunPooledAsync(scans, chunks, ReadBatch, async (use, units, token) =>
        {
            var started = DateTime.UtcNow;
            if (units[0].Probe is null)
            {
                var unit = units[0];
                running[unit.Scan] = started;
                var state = states[unit.Scan];
#pragma warning disable CA2100 // identifiers come from the catalog and are always quoted
                var sql = ProbeQueries.ScanQuery(state.Column!, state.Sequence!.Descending);
                await using var scan = new NpgsqlCommand(sql, use);
#pragma warning restore CA2100
                try
                {
                    await using var row = await scan.ExecuteReaderAsync(token).ConfigureAwait(false);
                    await row.ReadAsync(token).ConfigureAwait(false);
                    var extreme = row.IsDBNull(0) ? null : row.GetString(0);
                    var bad = row.IsDBNull(1) ? null : row.GetString(1);
                    results[unit.Scan] = WithKey(results[unit.Scan], extreme, bad, DateTime.UtcNow - started);
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
        // A sample taken before the last read ended must not arrive after the final report.
        await sampler.DisposeAsync().ConfigureAwait(false);
        progress?.Report(new KeyReadProgress(keysTotal, keysTotal, pagesTotal * 8192, pagesTotal * 8192, []));

        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Sequence is { } sequence && positions.TryGetValue(sequence.Name, out var at))
            {
                results[i] = results[i] with
                {
                    Sequence = sequence with { LastValue = at.LastValue, IsCalled = at.IsCalled },
                };
            }
        }
        return [.. results];
    }
}
