using CutoverSequencer.Core.Runtime;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Stage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>
/// The target PostgreSQL database: inspects sequences and keys (read-only), applies setval, restores
/// journaled states. Names reach the server only as bound parameters (resolved with to_regclass) or,
/// where SQL needs an identifier, as always-quoted names taken from the catalog. The roles live in
/// <see cref="CatalogResolver"/>, <see cref="TargetStateReader"/>, <see cref="SequenceApplier"/>,
/// <see cref="CutoverLock"/>, <see cref="RestoreSession"/> and <see cref="SessionPool"/>.
/// </summary>
public sealed class PostgresTarget : ITargetInspector, ISequenceApplier, ISequenceRestorer
{
    private readonly TargetConfig config;
    private readonly ILogger log;
    private readonly SessionPool pool;
    private readonly CatalogResolver resolver;
    private readonly TargetStateReader states;
    private readonly OrphanedWriters orphans;
    private readonly SequenceApplier applier;
    private readonly CutoverLock cutoverLock;

    public PostgresTarget(TargetConfig config, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(config);
        this.config = config;
        this.log = log;
        Endpoint = PostgresConnections.Describe(config.ConnectionString);
        pool = new SessionPool(config, Endpoint);
        resolver = new CatalogResolver(Endpoint, log);
        states = new TargetStateReader(config, pool, log);
        orphans = new OrphanedWriters(config, pool, log);
        applier = new SequenceApplier(config, pool, orphans, log);
        cutoverLock = new CutoverLock(pool, log);
    }

    public string Endpoint { get; }

    /// <summary>
    /// Told every 250 ms while keys are read (and once when they are all read) instead of the
    /// periodic log line: the command line draws it on an interactive terminal.
    /// </summary>
    public IProgress<KeyReadProgress>? Progress { get; init; }

    public ValueTask DisposeAsync() => pool.DisposeAsync();

    public async Task<TargetSnapshot> InspectAsync(IReadOnlyList<TableEntry> entries,
        CancellationToken cancellationToken,
        TargetSnapshot? previous = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        // The first held session: its server process then already knows the catalog rows read here.
        var connection = await pool.SessionAsync(0, cancellationToken).ConfigureAwait(false);
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var resolved = await resolver
                .ResolveAsync(connection, entries, previous, applier.IncrementsChanged, cancellationToken)
                .ConfigureAwait(false);
            log.LogDebug("Resolved {Count} entries in {Ms} ms", entries.Count, watch.ElapsedMilliseconds);
            if (LargeRun.Applies(entries.Count))
            {
                // Resolution leaves its name arrays and catalog rows behind; the key reads that follow
                // build every entry's state on top of them.
                LargeRun.Compact();
            }
            watch.Restart();
            var read = new List<TargetEntryState>(resolved.Count);
            foreach (var r in resolved)
            {
                read.Add(new TargetEntryState(r.Entry, r.Column, r.Sequence, null, r.Problems)
                {
                    Pages = r.Pages, KeyIndexed = r.KeyIndexed,
                });
            }
            // Every key is read again, in a re-reading too: rows replayed since inspection (CDC) count.
            read = await states.ReadStatesAsync(read, Progress, cancellationToken).ConfigureAwait(false);
            log.LogDebug("Read sequence positions and key extremes in {Ms} ms", watch.ElapsedMilliseconds);
            return new TargetSnapshot(Endpoint, connection.PostgreSqlVersion.ToString(), read)
            {
                Subscriptions = await ServerActivity.ReadSubscriptionsAsync(connection, cancellationToken)
                    .ConfigureAwait(false),
                OtherSessions = await ServerActivity
                    .ReadOtherSessionsAsync(connection, pool.OwnPids(), cancellationToken)
                    .ConfigureAwait(false),
                InRecovery = await ServerActivity.InRecoveryAsync(connection, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (Exception e) when (e is NpgsqlException)
        {
            await pool.DropSessionAsync(0).ConfigureAwait(false);
            throw PostgresConnections.Classify(e, Endpoint);
        }
    }

    public async Task<IReadOnlyList<TableEntry>> DiscoverAsync(IReadOnlyList<string> schemas,
        CancellationToken cancellationToken)
    {
        var connection = await pool.SessionAsync(0, cancellationToken).ConfigureAwait(false);
        try
        {
            return await resolver.DiscoverAsync(connection, schemas, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            await pool.DropSessionAsync(0).ConfigureAwait(false);
            throw PostgresConnections.Classify(e, Endpoint);
        }
    }

    public Task<IAsyncDisposable> LockAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        cutoverLock.LockAsync(timeout, cancellationToken);

    public Task<ApplyResult> ApplyAsync(IReadOnlyList<PlannedSequence> sequences,
        Action<IReadOnlyList<QualifiedName>> onSet,
        CancellationToken cancellationToken) =>
        applier.ApplyAsync(sequences, onSet, cancellationToken);

    public async Task<IRestoreSession> OpenRestoreAsync(CancellationToken cancellationToken)
    {
        // Before any write: statements of earlier, killed runs still queued behind a lock would run later.
        await orphans.CancelAsync(cancellationToken).ConfigureAwait(false);
        var connection = await pool.OpenOwnAsync(pool.Writer, cancellationToken).ConfigureAwait(false);
        return new RestoreSession(connection, config, Endpoint);
    }
}
