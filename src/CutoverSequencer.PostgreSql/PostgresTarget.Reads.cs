using System.Collections.Concurrent;
using System.Numerics;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>
/// Reading positions and keys at schema scale. A chunk of tables costs one plain, read-only SELECT:
/// <c>query_to_xml()</c> runs each table's <c>SELECT max(key)</c> and its sequence's
/// <c>SELECT last_value, is_called</c> on the server, so a thousand tables are a thousand short
/// server-side queries and one round trip, with no temporary objects and only AccessShare locks.
/// Whole-table scans (keys without an index) run one per statement, largest first, on the same pool.
/// </summary>
public sealed partial class PostgresTarget
{
    private const int ChunkSize = 500;

    /// <summary>Unindexed tables above this size (8 kB pages: 8 MB) are scanned one per statement.</summary>
    private const long LargeTablePages = 1000;

    /// <summary>Runs each probe query and returns its one value (a <c>&lt;v&gt;</c> element), in order.</summary>
    private const string ProbeSql = "SELECT u.i, query_to_xml(u.q, false, true, '')::text FROM unnest($1::text[]) WITH ORDINALITY AS u(q, i)";

    /// <summary>
    /// The query run for one entry: its key extreme (when <paramref name="key"/> is given) and its
    /// sequence's position (when <paramref name="sequence"/> is given), as one text value
    /// "extreme last_value is_called" ("null" for an empty table). Identifiers come from the catalog
    /// and are always quoted.
    /// </summary>
    internal static string ProbeQuery(TargetColumn? key, bool descending, QualifiedName? sequence)
    {
        var extreme = key is null
            ? "'null'"
            : $"coalesce((SELECT {(descending ? "min" : "max")}({Identifier.Quote(key.Name)}) FROM {key.Table.ToSql()})::text, 'null')";
        return sequence is null
            ? $"SELECT concat_ws(' ', {extreme}, 0, false) AS v"
            : $"SELECT concat_ws(' ', {extreme}, last_value, is_called) AS v FROM {sequence.ToSql()}";
    }

    /// <summary>Reads the value a probe query returned inside query_to_xml's row element.</summary>
    internal static (string? Extreme, long LastValue, bool IsCalled) ParseProbe(string xml)
    {
        var start = xml.IndexOf("<v>", StringComparison.Ordinal);
        var end = start < 0 ? -1 : xml.IndexOf("</v>", start, StringComparison.Ordinal);
        var parts = end < 0 ? [] : xml[(start + 3)..end].Split(' ');
        if (parts.Length != 3 || !long.TryParse(parts[1], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var last))
        {
            throw new InvalidOperationException($"unexpected probe result '{xml}'");
        }
        return (parts[0] == "null" ? null : parts[0], last, parts[2] is "t" or "true");
    }

    /// <summary>Positions of every resolved sequence and key extremes of every usable entry.</summary>
    private async Task<List<TargetEntryState>> ReadStatesAsync(NpgsqlConnection connection, List<TargetEntryState> states, CancellationToken cancellationToken)
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
        // Large scans first (the longest decides the wall time), then the probe chunks, unindexed tables first.
        var units = large.Select(i => new ReadUnit(i, null))
            .Concat(probes.OrderByDescending(p => p.Key && !states[p.Index].KeyIndexed ? states[p.Index].Pages ?? 0 : 0).Chunk(ChunkSize).Select(c => new ReadUnit(-1, c)))
            .ToList();

        var results = states.ToArray();
        var positions = new ConcurrentDictionary<QualifiedName, (long LastValue, bool IsCalled)>();
        var running = new ConcurrentDictionary<int, DateTime>();
        var keysTotal = states.Count(ReadsKey);
        var keysDone = 0;
        using var progress = new Timer(_ =>
        {
            var now = DateTime.UtcNow;
            var longest = running.Select(r => (states[r.Key], now - r.Value)).OrderByDescending(r => r.Item2).Take(3)
                .Select(r => $"{r.Item1.Entry.Describe()} ({(r.Item1.Pages ?? 0) * 8 / 1024} MB, {r.Item2.TotalSeconds:0} s)");
            log.Information("Key reads: {Done} of {Total} tables; scanning: {Running}", Volatile.Read(ref keysDone), keysTotal, string.Join(", ", longest));
        }, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        await RunPooledAsync(units, reader, connection, async (use, unit, token) =>
        {
            var started = DateTime.UtcNow;
            if (unit.Probe is null)
            {
                running[unit.Scan] = started;
                var state = states[unit.Scan];
#pragma warning disable CA2100 // identifiers come from the catalog and are always quoted
                await using var scan = new NpgsqlCommand(
                    $"SELECT {(state.Sequence!.Descending ? "min" : "max")}({Identifier.Quote(state.Column!.Name)})::text FROM {state.Column.Table.ToSql()}", use);
#pragma warning restore CA2100
                var text = await scan.ExecuteScalarAsync(token).ConfigureAwait(false) as string;
                results[unit.Scan] = results[unit.Scan] with { KeyExtreme = text is null ? null : WholeBound(text, state.Sequence.Descending), ScanTime = DateTime.UtcNow - started };
                running.TryRemove(unit.Scan, out _);
                Interlocked.Increment(ref keysDone);
                return;
            }
            var values = await ProbeAsync(use, [.. unit.Probe.Select(p => ProbeQuery(p.Key ? states[p.Index].Column : null,
                states[p.Index].Sequence?.Descending ?? false, p.Position ? states[p.Index].Sequence!.Name : null))], token).ConfigureAwait(false);
            var each = (DateTime.UtcNow - started) / unit.Probe.Length;
            for (var j = 0; j < unit.Probe.Length; j++)
            {
                var (index, key, position) = unit.Probe[j];
                var (extreme, last, called) = ParseProbe(values[j]);
                var state = states[index];
                if (position)
                {
                    positions[state.Sequence!.Name] = (last, called);
                }
                if (key)
                {
                    results[index] = results[index] with { KeyExtreme = extreme is null ? null : WholeBound(extreme, state.Sequence!.Descending), ScanTime = each };
                    Interlocked.Increment(ref keysDone);
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Sequence is { } sequence && positions.TryGetValue(sequence.Name, out var at))
            {
                results[i] = results[i] with { Sequence = sequence with { LastValue = at.LastValue, IsCalled = at.IsCalled } };
            }
        }
        return [.. results];
    }

    /// <summary>A whole-table scan of one entry, or a chunk of probes (entry, read its key, read its position).</summary>
    private sealed record ReadUnit(int Scan, (int Index, bool Key, bool Position)[]? Probe);

    /// <summary>Current positions of these sequences (after a failed apply: what did reach its value).</summary>
    private async Task<Dictionary<QualifiedName, TargetSequence>> ReadPositionsAsync(NpgsqlConnection connection, List<TargetSequence> sequences, CancellationToken cancellationToken)
    {
        var result = new ConcurrentDictionary<QualifiedName, TargetSequence>();
        await RunPooledAsync([.. sequences.DistinctBy(s => s.Name).Chunk(ChunkSize)], reader, connection, async (use, chunk, token) =>
        {
            var values = await ProbeAsync(use, [.. chunk.Select(s => ProbeQuery(null, false, s.Name))], token).ConfigureAwait(false);
            for (var j = 0; j < chunk.Length; j++)
            {
                var (_, last, called) = ParseProbe(values[j]);
                result[chunk[j].Name] = chunk[j] with { LastValue = last, IsCalled = called };
            }
        }, cancellationToken).ConfigureAwait(false);
        return new Dictionary<QualifiedName, TargetSequence>(result);
    }

    private static async Task<string[]> ProbeAsync(NpgsqlConnection connection, string[] queries, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ProbeSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = queries });
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var values = new string[queries.Length];
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values[rows.GetInt64(0) - 1] = rows.GetString(1);
        }
        return values;
    }

    /// <summary>
    /// Runs the units on up to <c>target.maxParallelism</c> connections (<paramref name="first"/>, when
    /// given, is one of them). The first failure stops the other workers and is the one thrown.
    /// </summary>
    private async Task RunPooledAsync<T>(IReadOnlyCollection<T> units, NpgsqlDataSource source, NpgsqlConnection? first,
        Func<NpgsqlConnection, T, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var queue = new ConcurrentQueue<T>(units);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(config.MaxParallelism, queue.Count))).Select(async worker =>
        {
            try
            {
                await using var own = worker == 0 && first is not null ? null : await PostgresConnections.OpenAsync(source, Endpoint, stop.Token, config.ConnectRetries).ConfigureAwait(false);
                var use = own ?? first!;
                while (!stop.IsCancellationRequested && queue.TryDequeue(out var unit))
                {
                    await work(use, unit, stop.Token).ConfigureAwait(false);
                }
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
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
