using System.Collections.Concurrent;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>
/// The target's connections: a read-only and a writing data source, the sessions held for the whole
/// run (one per worker: a chunk goes to the same worker at inspection, at apply and at verification,
/// so each server process reads a table's catalog entries once), and the pooled runs over them.
/// Held sessions are read-only by default; apply writes in explicit READ WRITE transactions.
/// </summary>
internal sealed class SessionPool(TargetConfig config, string endpoint) : IAsyncDisposable
{
    private readonly NpgsqlConnection?[] sessions = new NpgsqlConnection?[Math.Max(1, config.MaxParallelism)];

    /// <summary>
    /// Backend pids of every session this process opened on the target (pg_stat_activity tells them from
    /// other runs').
    /// </summary>
    private readonly ConcurrentDictionary<int, byte> ownPids = new();

    /// <summary>A session being opened ahead of its first use (<see cref="OpenAhead"/>).</summary>
    private Task<NpgsqlConnection>? openingFirst;

    public NpgsqlDataSource Reader { get; } =
        PostgresConnections.CreateDataSource(config.ConnectionString, "target", readOnly: true,
            config.StatementTimeout);

    public NpgsqlDataSource Writer { get; } = PostgresConnections.CreateDataSource(config.ConnectionString, "target");

    public string Endpoint => endpoint;

    public int[] OwnPids() => [.. ownPids.Keys];

    public async ValueTask DisposeAsync()
    {
        if (openingFirst is { } opening)
        {
            openingFirst = null;
            try
            {
                await (await opening.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is CutoverException or NpgsqlException or OperationCanceledException)
            {
                // Never used: the run already failed or ended for another reason.
            }
        }
        for (var worker = 0; worker < sessions.Length; worker++)
        {
            await DropSessionAsync(worker).ConfigureAwait(false);
        }
        await Reader.DisposeAsync().ConfigureAwait(false);
        await Writer.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A connection of this run's own, not held by the pool; its pid is known as this process's.</summary>
    public async Task<NpgsqlConnection> OpenOwnAsync(NpgsqlDataSource from, CancellationToken cancellationToken,
        int? retries = null)
    {
        var connection = await PostgresConnections
            .OpenAsync(from, endpoint, cancellationToken, retries ?? config.ConnectRetries)
            .ConfigureAwait(false);
        ownPids[connection.ProcessID] = 0;
        return connection;
    }

    public async Task<NpgsqlConnection> SessionAsync(int worker, CancellationToken cancellationToken)
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
        return sessions[worker] = await OpenOwnAsync(Reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts connecting the first session (discovery and inspection run on it) while the caller does
    /// something else, such as taking the lock on its own connection.
    /// </summary>
    public void OpenAhead(CancellationToken cancellationToken)
    {
        if (sessions[0] is null && openingFirst is null)
        {
            openingFirst = OpenOwnAsync(Reader, cancellationToken);
        }
    }

    /// <summary>A session that failed (broken, cancelled, or in an aborted transaction) is not used again.</summary>
    public async Task DropSessionAsync(int worker)
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
    public Task RunPooledAsync<T>(IReadOnlyList<T> shared, IReadOnlyList<T> partitioned,
        Func<NpgsqlConnection, T, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        RunPooledAsync(shared, partitioned, 1, (session, units, token) => work(session, units[0], token),
            cancellationToken);

    /// <summary>
    /// As above, handing a worker up to <paramref name="batch"/> of its own partitioned units at once
    /// (shared and stolen units one at a time), so it can send them in one round trip.
    /// </summary>
    public async Task RunPooledAsync<T>(IReadOnlyList<T> shared, IReadOnlyList<T> partitioned, int batch,
        Func<NpgsqlConnection, IReadOnlyList<T>, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var count = Math.Max(1, Math.Min(sessions.Length, shared.Count + partitioned.Count));
        var common = new ConcurrentQueue<T>(shared);
        var own = Enumerable.Range(0, count)
            .Select(w => new ConcurrentQueue<T>(partitioned.Where((_, j) => j % count == w))).ToArray();
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
            throw workers.Select(w => w.Exception?.InnerExceptions[0])
                .First(e => e is not null and not OperationCanceledException)!;
        }
    }
}
