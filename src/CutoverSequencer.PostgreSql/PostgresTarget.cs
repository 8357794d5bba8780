using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Text;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Core;
using Npgsql;
using Microsoft.Extensions.Logging;

namespace CutoverSequencer.PostgreSql;

/// <summary>
/// The target PostgreSQL database: inspects sequences and keys (read-only) and applies setval.
/// Names reach the server only as bound parameters (resolved with to_regclass) or, where SQL needs
/// an identifier, as always-quoted names taken from the catalog.
/// </summary>
public sealed partial class PostgresTarget(TargetConfig config, ILogger log) : ITargetInspector, ISequenceApplier, IAsyncDisposable
{
    private readonly NpgsqlDataSource reader = PostgresConnections.CreateDataSource(config.ConnectionString, "target", readOnly: true, config.StatementTimeout);
    private readonly NpgsqlDataSource writer = PostgresConnections.CreateDataSource(config.ConnectionString, "target");

    public string Endpoint { get; } = PostgresConnections.Describe(config.ConnectionString);

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
        await reader.DisposeAsync().ConfigureAwait(false);
        await writer.DisposeAsync().ConfigureAwait(false);
    }

    public async Task<TargetSnapshot> InspectAsync(IReadOnlyList<TableEntry> entries, CancellationToken cancellationToken, TargetSnapshot? previous = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        // The first held session: its server process then already knows the catalog rows read here.
        var connection = await SessionAsync(0, cancellationToken).ConfigureAwait(false);
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            // A re-reading (verify inside apply) keeps the names as resolved, the entries added for
            // dependencies included: only positions and keys change.
            var resolved = previous is not null && previous.Entries.Select(e => e.Entry).Where(e => !dependencies.Contains(e)).SequenceEqual(entries)
                ? await ReuseResolutionAsync(connection, previous, cancellationToken).ConfigureAwait(false)
                : await AddDependenciesAsync(connection, await ResolveAsync(connection, entries, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            log.LogDebug("Resolved {Count} entries in {Ms} ms", entries.Count, watch.ElapsedMilliseconds);
            if (Core.Runtime.LargeRun.Applies(entries.Count))
            {
                // Resolution leaves its name arrays and catalog rows behind; the key reads that follow
                // build every entry's state on top of them.
                Core.Runtime.LargeRun.Compact();
            }
            watch.Restart();
            var states = new List<TargetEntryState>(resolved.Count);
            foreach (var r in resolved)
            {
                states.Add(new TargetEntryState(r.Entry, r.Column, r.Sequence, null, r.Problems) { Pages = r.Pages, KeyIndexed = r.KeyIndexed });
            }
            // Every key is read again, in a re-reading too: rows replayed since inspection (CDC) count.
            states = await ReadStatesAsync(states, cancellationToken).ConfigureAwait(false);
            log.LogDebug("Read sequence positions and key extremes in {Ms} ms", watch.ElapsedMilliseconds);
            return new TargetSnapshot(Endpoint, connection.PostgreSqlVersion.ToString(), states)
            {
                Subscriptions = await ReadSubscriptionsAsync(connection, cancellationToken).ConfigureAwait(false),
                OtherSessions = await ReadOtherSessionsAsync(connection, cancellationToken).ConfigureAwait(false),
                InRecovery = await InRecoveryAsync(connection, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (Exception e) when (e is NpgsqlException)
        {
            await DropSessionAsync(0).ConfigureAwait(false);
            throw PostgresConnections.Classify(e, Endpoint);
        }
    }

    public async Task<IReadOnlyList<TableEntry>> DiscoverAsync(IReadOnlyList<string> schemas, CancellationToken cancellationToken)
    {
        // Catalog dependencies only, never name patterns: the sequence a column default calls, the
        // identity sequence, the serial sequence OWNED BY the column. The default wins where several apply;
        // names and types are formatted only for the rows chosen.
        var sql = $$"""
            SELECT x.nspname, x.relname, a.attname, sn.nspname, s.relname, x.how,
                   {{SizeInPages("x.relid", "x.relkind", "x.relpages")}}, pg_catalog.format_type(a.atttypid, a.atttypmod), s.oid,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = x.relid AND i.indkey[0] = a.attnum AND i.indpred IS NULL),
                   pg_catalog.format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, q.seqmin, q.seqmax, q.seqcache, q.seqcycle,
                   pg_catalog.has_sequence_privilege(s.oid, 'UPDATE')
            FROM (
                SELECT DISTINCT ON (c.oid, src.attnum) n.nspname, c.relname, c.oid AS relid, c.relkind, c.relpages,
                       src.attnum, src.seqid, src.how
                FROM ({{FedColumnsSql}}) src
                JOIN pg_catalog.pg_class sq ON sq.oid = src.seqid AND sq.relkind = 'S'
                JOIN pg_catalog.pg_class c ON c.oid = src.relid AND c.relkind IN ('r', 'p')
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY($1)
                ORDER BY c.oid, src.attnum, src.rank
            ) x
            JOIN pg_catalog.pg_attribute a ON a.attrelid = x.relid AND a.attnum = x.attnum AND NOT a.attisdropped
            JOIN pg_catalog.pg_class s ON s.oid = x.seqid
            JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
            JOIN pg_catalog.pg_sequence q ON q.seqrelid = s.oid
            ORDER BY x.nspname, x.relname, a.attnum
            """;
        var connection = await SessionAsync(0, cancellationToken).ConfigureAwait(false);
        try
        {
#pragma warning disable CA2100 // fixed text only (no names, no values)
            await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
            command.Parameters.Add(new NpgsqlParameter { Value = schemas.ToArray() });
            await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var result = new List<TableEntry>();
            var location = $"{Endpoint} catalog";
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var table = new QualifiedName(Shared(rows, 0), rows.GetString(1));
                var sequence = new QualifiedName(Shared(rows, 3), rows.GetString(4));
                var entry = new TableEntry(table, Shared(rows, 2), sequence, null, null, location)
                {
                    Origin = string.Intern($"target {rows.GetString(5)}"),
                };
                result.Add(entry);
                // Inspection of this run need not resolve these names again.
                discovered[entry] = new ResolvedRow(entry, true, new TargetColumn(table, entry.PkColumn!, Shared(rows, 7)),
                    Math.Max(0, rows.GetInt64(6)), rows.GetFieldValue<uint>(8), 'S', rows.GetBoolean(9))
                {
                    Definition = Definition(rows, 8, sequence, 10),
                };
            }
            return result;
        }
        catch (NpgsqlException e)
        {
            await DropSessionAsync(0).ConfigureAwait(false);
            throw PostgresConnections.Classify(e, Endpoint);
        }
    }

    /// <summary>
    /// Every column a sequence feeds, from the catalog dependencies (relid, attnum, seqid, how, rank):
    /// the sequence its default calls (pg_attrdef → pg_depend), its identity sequence (deptype 'i'),
    /// a serial sequence OWNED BY it (deptype 'a'). Rank 1 is the default, which is what nextval() really calls.
    /// </summary>
    private const string FedColumnsSql = """
        SELECT ad.adrelid AS relid, ad.adnum AS attnum, d.refobjid AS seqid, 'column default' AS how, 1 AS rank
        FROM pg_catalog.pg_attrdef ad
        JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass AND d.objid = ad.oid
             AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
        UNION ALL
        SELECT d.refobjid, d.refobjsubid::pg_catalog.int2, d.objid, CASE d.deptype WHEN 'i' THEN 'identity' ELSE 'OWNED BY' END, 2
        FROM pg_catalog.pg_depend d
        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
          AND d.deptype IN ('i', 'a') AND d.refobjsubid > 0
        """;

    /// <summary>
    /// A relation's size in 8 kB pages from its files (pg_relation_size; relpages stays 0 until the
    /// first ANALYZE or VACUUM, so right after a load it says nothing). A partitioned table sums its
    /// leaf partitions; a foreign table keeps relpages.
    /// </summary>
    private static string SizeInPages(string oid, string kind, string relpages) => $"""
        pg_catalog.ceil((CASE {kind} WHEN 'p' THEN (SELECT coalesce(pg_catalog.sum(pg_catalog.pg_relation_size(pt.relid)), 0)
                                               FROM pg_catalog.pg_partition_tree({oid}) pt WHERE pt.isleaf)
                                    WHEN 'f' THEN {relpages}::pg_catalog.int8 * 8192
                                    ELSE pg_catalog.pg_relation_size({oid}) END) / 8192.0)::pg_catalog.int8
        """;

    /// <summary>Advisory lock key: one apply per target database (advisory locks are per database).</summary>
    private const int LockClass = 72706;
    private const int LockObject = 1;

    public async Task<IAsyncDisposable> LockAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Advisory locks need no write: a read-only session holds it. The first reading session connects
        // meanwhile.
        OpenAhead(cancellationToken);
        var connection = await OpenOwnAsync(reader, cancellationToken).ConfigureAwait(false);
        try
        {
            var deadline = DateTime.UtcNow + timeout;
            for (var attempt = 0; ; attempt++)
            {
                await using (var command = new NpgsqlCommand("SELECT pg_catalog.pg_try_advisory_lock($1, $2)", connection))
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = LockClass });
                    command.Parameters.Add(new NpgsqlParameter { Value = LockObject });
                    if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                    {
                        return new AdvisoryLock(connection);
                    }
                }
                if (DateTime.UtcNow >= deadline)
                {
                    var holder = await LockHolderAsync(connection, cancellationToken).ConfigureAwait(false);
                    throw new ConnectionFailedException(
                        $"another apply holds the cutover lock on {Endpoint}: {holder}; waited {timeout.TotalSeconds:0} s (target.lockTimeout)");
                }
                if (attempt == 0)
                {
                    log.LogWarning("Another apply holds the cutover lock on {Endpoint}; waiting up to {Seconds} s", Endpoint, (int)timeout.TotalSeconds);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<string> LockHolderAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT a.pid, coalesce(a.usename::pg_catalog.text, '?'), coalesce(a.application_name, ''), coalesce(pg_catalog.host(a.client_addr), 'local'),
                   pg_catalog.to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
            FROM pg_catalog.pg_locks l
            JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2
              AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (long)LockClass });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)LockObject });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? $"pid {reader.GetInt32(0)}, user {reader.GetString(1)}, application '{reader.GetString(2)}', client {reader.GetString(3)}, connected since {reader.GetString(4)} UTC"
            : "the holder has just released it";
    }

    private sealed class AdvisoryLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        // Closing the session releases a session-level advisory lock; no unlock call can be forgotten.
        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    public async Task<ApplyResult> ApplyAsync(IReadOnlyList<PlannedSequence> sequences, Action<IReadOnlyList<QualifiedName>> onSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(onSet);
        var set = new List<QualifiedName>();
        var ahead = new List<QualifiedName>();
        if (sequences.Count == 0)
        {
            return new ApplyResult(set, null, null);
        }
        // Before any write: statements of earlier, killed runs still queued behind a lock would run later.
        await CancelOrphanedWritersAsync(cancellationToken).ConfigureAwait(false);
        var restarts = sequences.Where(r => r.NewIncrement is not null).ToList();
        await using var connection = restarts.Count == 0 ? null : await OpenOwnAsync(writer, cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var row in restarts)
            {
                incrementsChanged = true;
                var moved = await RestartOnStrideAsync(connection!, row, cancellationToken).ConfigureAwait(false);
                (moved ? set : ahead).Add(row.Sequence!);
                if (moved)
                {
                    onSet([row.Sequence!]);
                }
            }
            // Plain advances: one compare-and-set statement per chunk, chunks spread over the held
            // sessions (setval on different sequences never conflicts). The first failure stops the other workers.
            await RunPooledAsync([], [.. sequences.Where(r => r.NewIncrement is null).Chunk(ChunkSize)],
                (use, chunk, token) => SetChunkAsync(use, chunk, set, ahead, onSet, token), cancellationToken).ConfigureAwait(false);
            lock (set)
            {
                return new ApplyResult([.. set], null, null) { AlreadyAhead = [.. ahead] };
            }
        }
        catch (PostgresException e)
        {
            log.LogError("Apply failed: {Message} (SQLSTATE {SqlState})", e.MessageText, e.SqlState);
            // A refusal mid-statement leaves the setvals before it standing: only the read-back proves nothing moved.
            return await ConfirmAsync(sequences, set, ahead, onSet, $"{e.MessageText} (SQLSTATE {e.SqlState})", false).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            log.LogError("Apply interrupted: {Message}", e.Message);
            // Not "not permitted": the server may have run setvals whose results never arrived.
            return await ConfirmAsync(sequences, set, ahead, onSet, $"connection lost: {e.Message}", false).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException && cancellationToken.IsCancellationRequested)
        {
            log.LogError("Apply interrupted by the operator");
            return (await ConfirmAsync(sequences, set, ahead, onSet, "interrupted (Ctrl+C)", false).ConfigureAwait(false)) with { Interrupted = true };
        }
    }

    /// <summary>
    /// One statement sets a chunk: for each sequence in turn, the server reads its position (through
    /// query_to_xml, in the same statement) and calls setval only when the next value is still short of
    /// the planned one, so nothing that advanced the sequence since inspection is undone. Each row says
    /// whether it wrote. A failure ends the statement; the setvals before it stay (setval is not undone
    /// by rollback) and are found by the read-back.
    /// </summary>
    private async Task SetChunkAsync(NpgsqlConnection connection, PlannedSequence[] chunk, List<QualifiedName> set, List<QualifiedName> ahead,
        Action<IReadOnlyList<QualifiedName>> onSet, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT u.i, CASE WHEN (p.next_value - u.planned_next) * pg_catalog.sign(u.increment) < 0
                             THEN pg_catalog.setval(u.seq::pg_catalog.regclass, u.new_value, true) IS NOT NULL ELSE false END
            FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]), pg_catalog.unnest($2::pg_catalog.text[]), pg_catalog.unnest($3::pg_catalog.int8[]),
                           pg_catalog.unnest($4::pg_catalog.numeric[]), pg_catalog.unnest($5::pg_catalog.numeric[]))
                 WITH ORDINALITY AS u(seq, q, new_value, increment, planned_next, i)
            CROSS JOIN LATERAL (
                SELECT CASE WHEN pg_catalog.split_part(pg_catalog.split_part(x, '<c>', 2), '</c>', 1)::pg_catalog.bool
                            THEN pg_catalog.split_part(pg_catalog.split_part(x, '<l>', 2), '</l>', 1)::pg_catalog.numeric + u.increment
                            ELSE pg_catalog.split_part(pg_catalog.split_part(x, '<l>', 2), '</l>', 1)::pg_catalog.numeric END AS next_value
                FROM (SELECT pg_catalog.query_to_xml(u.q, false, true, '')::pg_catalog.text AS x OFFSET 0) r
            ) p
            """;
        // The held sessions are read-only by default: the write is an explicit READ WRITE transaction.
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN READ WRITE"));
        foreach (var setting in PostgresConnections.WriteSettings(config.WriteLockTimeout))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(setting));
        }
        var command = new NpgsqlBatchCommand(sql);
        batch.BatchCommands.Add(command);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(r => r.Sequence!.ToSql()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(r => ProbeQuery(null, false, r.Sequence!)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(r => (long)r.NewValue!.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(r => (decimal)r.Current!.Increment).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(r => (decimal)r.NextValue!.Value).ToArray() });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        do
        {
            // BEGIN, SET and COMMIT return no rows; the compare-and-set returns one per sequence.
            while (reader.FieldCount == 2 && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = chunk[reader.GetInt64(0) - 1];
                var name = row.Sequence!;
                if (reader.GetBoolean(1))
                {
                    log.LogDebug("setval({Sequence}, {Value}, true)", row.Name, row.NewValue);
                    lock (set)
                    {
                        set.Add(name);
                    }
                    onSet([name]);
                }
                else
                {
                    log.LogWarning("{Sequence} was already at or past {Next} when written: left unchanged", row.Name, row.NextValue);
                    lock (set)
                    {
                        ahead.Add(name);
                    }
                }
            }
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// After a failure, which sequences did reach their planned value? The server sends results in
    /// buffered runs, so more may have been set than were confirmed: read them back on a fresh
    /// connection. If that fails too, only the confirmed ones are reported (a re-run converges anyway).
    /// </summary>
    private async Task<ApplyResult> ConfirmAsync(IReadOnlyList<PlannedSequence> sequences, List<QualifiedName> set, List<QualifiedName> ahead,
        Action<IReadOnlyList<QualifiedName>> onSet, string error, bool notPermitted)
    {
        var settled = set.Concat(ahead).ToHashSet();
        var unknown = sequences.Where(r => !settled.Contains(r.Sequence!)).ToList();
        var readBack = false;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await using var connection = await OpenOwnAsync(reader, timeout.Token, retries: 1).ConfigureAwait(false);
            var positions = await ReadPositionsAsync(connection, [.. unknown.Select(r => r.Current!)], timeout.Token).ConfigureAwait(false);
            var reached = unknown
                .Where(r => positions.TryGetValue(r.Sequence!, out var now) && (r.Current!.Descending ? now.NextValue <= r.NextValue!.Value : now.NextValue >= r.NextValue!.Value))
                .Select(r => r.Sequence!)
                .ToList();
            if (reached.Count > 0)
            {
                log.LogInformation("Read back after the failure: {Count} more sequence(s) had reached their planned value", reached.Count);
                set.AddRange(reached);
                onSet(reached);
            }
            unknown = [.. unknown.Where(r => !reached.Contains(r.Sequence!))];
            readBack = true;
        }
        catch (Exception e) when (e is NpgsqlException or Core.CutoverException or OperationCanceledException)
        {
            log.LogWarning("Could not read the sequences back after the failure ({Message}); the report lists only confirmed writes", e.Message);
        }
        return new ApplyResult(set, unknown.FirstOrDefault()?.Sequence, error, NotPermitted: notPermitted && set.Count == 0)
        {
            AlreadyAhead = ahead,
            NothingWritten = readBack && set.Count == 0,
        };
    }

    /// <summary>
    /// Interleave: in one transaction, ALTER SEQUENCE (which locks out nextval until commit), read the
    /// position, and restart on the node's stream no lower than where the sequence already is.
    /// </summary>
    private async Task<bool> RestartOnStrideAsync(NpgsqlConnection connection, PlannedSequence row, CancellationToken cancellationToken)
    {
        var stride = row.NewIncrement!.Value;
        var name = row.Sequence!.ToSql();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await WriteSettingsAsync(connection, transaction, config.WriteLockTimeout, cancellationToken).ConfigureAwait(false);
#pragma warning disable CA2100 // catalog identifier, always quoted; integers formatted invariantly
        await using (var alter = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"ALTER SEQUENCE {name} INCREMENT BY {stride}"), connection, transaction))
        {
            await alter.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        BigInteger currentNext;
        await using (var read = new NpgsqlCommand($"SELECT last_value, is_called FROM {name}", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            currentNext = reader.GetBoolean(1) ? (BigInteger)reader.GetInt64(0) + row.Current!.Increment : reader.GetInt64(0);
        }
        var next = row.NextValue!.Value;
        if (currentNext > next)
        {
            var residue = ((next % stride) + stride) % stride;
            next = currentNext + ((((residue - currentNext) % stride) + stride) % stride);
        }
        var sql = string.Create(CultureInfo.InvariantCulture, $"ALTER SEQUENCE {name} RESTART WITH {next}");
        await using (var restart = new NpgsqlCommand(sql, connection, transaction))
        {
            await restart.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning restore CA2100
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("ALTER SEQUENCE {Sequence} INCREMENT BY {Stride} RESTART WITH {Next}", row.Name, stride, next);
        return true;
    }

    /// <summary>Backend pids of every session this process opened on the target (pg_stat_activity tells them from other runs').</summary>
    private readonly ConcurrentDictionary<int, byte> ownPids = new();

    private int[] OwnPids() => [.. ownPids.Keys];

    private async Task<NpgsqlConnection> OpenOwnAsync(NpgsqlDataSource from, CancellationToken cancellationToken, int? retries = null)
    {
        var connection = await PostgresConnections.OpenAsync(from, Endpoint, cancellationToken, retries ?? config.ConnectRetries).ConfigureAwait(false);
        ownPids[connection.ProcessID] = 0;
        return connection;
    }

    /// <summary>SET LOCAL lock_timeout and the writer's application_name, first in a write transaction.</summary>
    private static async Task WriteSettingsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        foreach (var setting in PostgresConnections.WriteSettings(lockTimeout))
        {
#pragma warning disable CA2100 // fixed text with an invariant integer
            await using var command = new NpgsqlCommand(setting, connection, transaction);
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Cancels write statements of earlier runs still running on this database: backends showing the
    /// writer's application_name (set only inside write transactions) that this process did not open.
    /// The caller holds the apply lock, so no live apply or rollback can be among them. Backends that
    /// cannot be cancelled (another role's) or do not stop within the write lock timeout are named and
    /// nothing is written.
    /// </summary>
    internal async Task CancelOrphanedWritersAsync(CancellationToken cancellationToken)
    {
        const string find = """
            SELECT a.pid, coalesce(a.usename::pg_catalog.text, '?'), coalesce(a.state, 'state not visible'),
                   pg_catalog.to_char(a.query_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
            FROM pg_catalog.pg_stat_activity a
            WHERE a.datname = pg_catalog.current_database() AND a.application_name = $1
              AND (a.state IS NULL OR a.state <> 'idle') AND a.pid <> pg_catalog.pg_backend_pid() AND NOT a.pid = ANY($2::pg_catalog.int4[])
            ORDER BY a.pid
            """;
        await using var connection = await OpenOwnAsync(reader, cancellationToken).ConfigureAwait(false);
        try
        {
            async Task<List<(int Pid, string Detail)>> FindAsync()
            {
                await using var command = new NpgsqlCommand(find, connection);
                command.Parameters.Add(new NpgsqlParameter { Value = PostgresConnections.WriteApplicationName });
                command.Parameters.Add(new NpgsqlParameter { Value = OwnPids() });
                await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var found = new List<(int, string)>();
                while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    found.Add((rows.GetInt32(0), $"pid {rows.GetInt32(0)} (user {rows.GetString(1)}, {rows.GetString(2)}{(rows.IsDBNull(3) ? "" : $" since {rows.GetString(3)} UTC")})"));
                }
                return found;
            }
            var orphans = await FindAsync().ConfigureAwait(false);
            if (orphans.Count == 0)
            {
                return;
            }
            log.LogWarning("Write statements of an earlier run are still running on {Endpoint}: {Orphans}; cancelling them", Endpoint, string.Join(", ", orphans.Select(o => o.Detail)));
            var refused = new List<string>();
            foreach (var (pid, detail) in orphans)
            {
                try
                {
                    await using var cancel = new NpgsqlCommand("SELECT pg_catalog.pg_cancel_backend($1)", connection);
                    cancel.Parameters.Add(new NpgsqlParameter { Value = pid });
                    await cancel.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException e) when (e.SqlState == "42501")
                {
                    refused.Add($"{detail}: {e.MessageText}");
                }
            }
            // A cancelled statement ends at its next interrupt check; the backend of a dead client then exits.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(Math.Max(2, config.WriteLockTimeout.TotalSeconds));
            while (refused.Count == 0 && DateTime.UtcNow < deadline)
            {
                orphans = await FindAsync().ConfigureAwait(false);
                if (orphans.Count == 0)
                {
                    log.LogInformation("Earlier runs' write statements cancelled");
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
            throw new ConnectionFailedException(
                $"write statements of an earlier cutover-sequencer run are still running on {Endpoint} and could not be cancelled: " +
                $"{string.Join("; ", refused.Count > 0 ? refused : orphans.Select(o => o.Detail))}. Nothing was written; end them (pg_terminate_backend) and re-run.");
        }
        catch (NpgsqlException e)
        {
            throw PostgresConnections.Classify(e, Endpoint);
        }
    }

    private static async Task<bool> InRecoveryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_catalog.pg_is_in_recovery()", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Entries this instance added for columns fed by a resolved sequence (by reference).</summary>
    private readonly HashSet<TableEntry> dependencies = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Every column fed by a resolved sequence (its default calls it, it is its identity, it owns it),
    /// in any schema, configured or not, and every sequence that feeds a resolved column (a column mapped
    /// to one sequence whose default calls another): those not already among the entries are added, so
    /// their keys and positions are read and the plan clears them too. A sequence found through a column
    /// keeps the source sequence of the entry that mapped the column (the application's inserts will call
    /// it). Repeated until nothing new is found (a few catalog queries over OIDs and names).
    /// </summary>
    private async Task<List<Resolution>> AddDependenciesAsync(NpgsqlConnection connection, List<Resolution> resolved, CancellationToken cancellationToken)
    {
        var sequences = new Dictionary<uint, TargetSequence>();
        foreach (var r in resolved)
        {
            if (r.Sequence is { Oid: > 0 } q)
            {
                sequences.TryAdd(q.Oid, q);
            }
        }
        if (sequences.Count == 0 && !resolved.Any(r => r.Column is not null))
        {
            return resolved;
        }
        // A partition is left out when its root carries the same column fed by the same sequence:
        // reading the root reads it.
        var sql = $$"""
            WITH k AS (
                SELECT a.attrelid, a.attnum
                FROM ROWS FROM (pg_catalog.unnest($2::pg_catalog.text[]), pg_catalog.unnest($3::pg_catalog.text[]), pg_catalog.unnest($4::pg_catalog.text[])) AS k(s, t, col)
                JOIN pg_catalog.pg_namespace n ON n.nspname = k.s
                JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = k.t
                JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = k.col AND NOT a.attisdropped
            ), fed AS (
                SELECT DISTINCT f.relid, f.attnum, f.seqid
                FROM ({{FedColumnsSql}}) f
                JOIN pg_catalog.pg_class sq ON sq.oid = f.seqid AND sq.relkind = 'S'
                WHERE f.seqid = ANY($1::pg_catalog.oid[]) OR (f.relid, f.attnum) IN (SELECT attrelid, attnum FROM k)
            )
            SELECT n.nspname, c.relname, a.attname, f.seqid, pg_catalog.format_type(a.atttypid, a.atttypmod),
                   {{SizeInPages("c.oid", "c.relkind", "c.relpages")}},
                   EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indkey[0] = a.attnum AND i.indpred IS NULL)
            FROM fed f
            JOIN pg_catalog.pg_class c ON c.oid = f.relid AND c.relkind IN ('r', 'p', 'f', 'm')
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_attribute a ON a.attrelid = f.relid AND a.attnum = f.attnum AND NOT a.attisdropped
            WHERE NOT (c.relispartition AND EXISTS (
                SELECT 1 FROM fed g
                JOIN pg_catalog.pg_attribute ga ON ga.attrelid = g.relid AND ga.attnum = g.attnum
                WHERE g.relid = pg_catalog.pg_partition_root(c.oid) AND g.seqid = f.seqid AND ga.attname = a.attname))
            ORDER BY n.nspname, c.relname, a.attnum
            """;
        var present = new HashSet<(QualifiedName, string, uint)>();
        // The entry that mapped each column: a sequence found through the column inherits its source sequence.
        var byColumn = new Dictionary<(QualifiedName, string), TableEntry>();
        foreach (var r in resolved)
        {
            if (r.Column is { } column)
            {
                // Also a column whose mapped sequence is missing: what its default calls is what feeds it.
                byColumn.TryAdd((column.Table, column.Name), r.Entry);
                if (r.Sequence is { } q)
                {
                    present.Add((column.Table, column.Name, q.Oid));
                }
            }
        }
        var location = $"{Endpoint} catalog";
        var added = 0;
        for (var round = 0; ; round++)
        {
            if (round == 32)
            {
                // Chains of sequences and columns this long are not plausible; never plan on a partial closure.
                throw new CutoverException($"{Endpoint}: the sequences feeding the configured columns did not settle after {round} catalog reads", ExitCodes.InternalError);
            }
            var found = new List<(QualifiedName Table, string Column, uint Sequence, string Type, long Pages, bool Indexed)>();
#pragma warning disable CA2100 // fixed text only (no names, no values)
            await using (var command = new NpgsqlCommand(sql, connection))
#pragma warning restore CA2100
            {
                command.Parameters.Add(new NpgsqlParameter { Value = sequences.Keys.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid });
                command.Parameters.Add(new NpgsqlParameter { Value = byColumn.Keys.Select(c => c.Item1.Schema).ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = byColumn.Keys.Select(c => c.Item1.Name).ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = byColumn.Keys.Select(c => c.Item2).ToArray() });
                await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    found.Add((new QualifiedName(Shared(rows, 0), rows.GetString(1)), Shared(rows, 2), rows.GetFieldValue<uint>(3),
                        Shared(rows, 4), Math.Max(0, rows.GetInt64(5)), rows.GetBoolean(6)));
                }
            }
            var unknown = found.Select(f => f.Sequence).Where(oid => !sequences.ContainsKey(oid)).Distinct().ToArray();
            if (unknown.Length > 0)
            {
                foreach (var (oid, definition) in await ReadDefinitionsAsync(connection, unknown, cancellationToken).ConfigureAwait(false))
                {
                    sequences[oid] = definition;
                }
            }
            var before = added;
            foreach (var f in found)
            {
                if (!sequences.TryGetValue(f.Sequence, out var sequence))
                {
                    throw new CutoverException($"{Endpoint}: the definition of the sequence (OID {f.Sequence}) feeding {f.Table}.{Identifier.Display(f.Column)} could not be read", ExitCodes.CannotConnect);
                }
                if (!present.Add((f.Table, f.Column, f.Sequence)))
                {
                    continue;
                }
                // Mapped already with another sequence: this one is what the column's default or identity calls.
                var mappedBy = byColumn.GetValueOrDefault((f.Table, f.Column));
                var entry = new TableEntry(f.Table, f.Column, sequence.Name, null, mappedBy?.SourceSequence, location)
                {
                    Origin = mappedBy is null ? "target dependency" : "target column default",
                    SourceOrigin = mappedBy?.SourceSequence is null ? null : mappedBy.SourceOrigin ?? mappedBy.Origin,
                };
                dependencies.Add(entry);
                byColumn.TryAdd((f.Table, f.Column), entry);
                var column = new TargetColumn(f.Table, f.Column, f.Type);
                var problems = new List<TargetProblem>();
                if (!column.IsNumeric && !IsTextKey(column))
                {
                    problems.Add(Problem(FindingCatalog.KeyColumnNotInteger, entry.Describe(),
                        $"{entry.Describe()} is {column.DataType}, not an integer type, and {sequence.Name} feeds it ({location})."));
                }
                resolved.Add(new Resolution(entry, column, sequence, f.Pages, problems) { KeyIndexed = f.Indexed && !IsTextKey(column) });
                added++;
            }
            if (added == before)
            {
                break;
            }
        }
        if (added > 0)
        {
            log.LogInformation("{Count} more column(s) fed by the same sequences, or sequences feeding the same columns, found in the target catalog", added);
        }
        return resolved;
    }

    /// <summary>
    /// A text key fed by nextval(): its numeric extreme is read from the values that are whole
    /// numbers. No index answers that (it orders text), so it is always a scan.
    /// </summary>
    internal static bool IsTextKey(TargetColumn column) =>
        column.DataType is "text" or "bpchar" or "character" or "character varying"
        || column.DataType.StartsWith("character varying(", StringComparison.Ordinal)
        || column.DataType.StartsWith("character(", StringComparison.Ordinal);

    private sealed record Resolution(
        TableEntry Entry,
        TargetColumn? Column,
        TargetSequence? Sequence,
        long? Pages,
        List<TargetProblem> Problems)
    {
        public bool KeyIndexed { get; init; } = true;
    }

    /// <summary>The names as resolved before; the sequence definitions are read again when apply changed increments.</summary>
    private async Task<List<Resolution>> ReuseResolutionAsync(NpgsqlConnection connection, TargetSnapshot previous, CancellationToken cancellationToken)
    {
        var definitions = incrementsChanged
            ? await ReadDefinitionsAsync(connection,
                [.. previous.Entries.Where(e => e.Sequence is { Oid: > 0 }).Select(e => e.Sequence!.Oid).Distinct()], cancellationToken).ConfigureAwait(false)
            : [];
        return [.. previous.Entries.Select(e => new Resolution(e.Entry, e.Column,
            e.Sequence is { } q && definitions.TryGetValue(q.Oid, out var fresh) ? fresh : e.Sequence, e.Pages, [.. e.Problems]) { KeyIndexed = e.KeyIndexed })];
    }

    /// <summary>Names resolved per statement: one round trip up to this many entries.</summary>
    private const int ResolveBatch = 10_000;

    /// <summary>
    /// One round trip per <see cref="ResolveBatch"/> entries resolves each entry's table, column and
    /// sequence that discovery did not already find.
    /// </summary>
    private async Task<List<Resolution>> ResolveAsync(NpgsqlConnection connection, IReadOnlyList<TableEntry> entries, CancellationToken cancellationToken)
    {
        var sql = $$"""
            WITH e AS (
                SELECT * FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]), pg_catalog.unnest($2::pg_catalog.text[]), pg_catalog.unnest($3::pg_catalog.text[])) WITH ORDINALITY AS e(tbl, col, seq, i)
            ), r AS (
                SELECT e.i, e.col, e.seq IS NOT NULL AS seq_configured,
                       pg_catalog.to_regclass(e.tbl) AS tbl_oid, pg_catalog.to_regclass(e.seq) AS seq_oid
                FROM e
            )
            SELECT r.i,
                   r.tbl_oid IS NOT NULL AND tc.relkind IN ('r', 'p', 'f', 'm') AS table_found,
                   tn.nspname, tc.relname, CASE WHEN tc.oid IS NOT NULL THEN {{SizeInPages("tc.oid", "tc.relkind", "tc.relpages")}} END,
                   a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS column_type,
                   a.attidentity::pg_catalog.text,
                   coalesce(CASE WHEN r.seq_configured THEN r.seq_oid END, dflt.oid, owned.oid)::pg_catalog.oid AS sequence_oid,
                   CASE WHEN r.seq_configured THEN sc.relkind::pg_catalog.text END AS configured_relkind,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = r.tbl_oid AND i.indkey[0] = a.attnum AND i.indpred IS NULL) AS key_indexed
            FROM r
            LEFT JOIN pg_catalog.pg_class tc ON tc.oid = r.tbl_oid
            LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
            LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = r.tbl_oid AND a.attname = r.col AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_catalog.pg_class sc ON sc.oid = r.seq_oid
            -- the sequence the column default calls (nextval('...')), which is what feeds the column
            LEFT JOIN LATERAL (
                SELECT d.refobjid AS oid
                FROM pg_catalog.pg_attrdef ad
                JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass AND d.objid = ad.oid
                     AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                JOIN pg_catalog.pg_class c ON c.oid = d.refobjid AND c.relkind = 'S'
                WHERE NOT r.seq_configured AND ad.adrelid = r.tbl_oid AND ad.adnum = a.attnum
                LIMIT 1
            ) dflt ON true
            -- identity columns, and serial sequences OWNED BY the column
            LEFT JOIN LATERAL (
                SELECT d.objid AS oid
                FROM pg_catalog.pg_depend d
                JOIN pg_catalog.pg_class c ON c.oid = d.objid AND c.relkind = 'S'
                WHERE NOT r.seq_configured AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                  AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                  AND d.refobjid = r.tbl_oid AND d.refobjsubid = a.attnum AND d.deptype IN ('i', 'a')
                LIMIT 1
            ) owned ON true
            ORDER BY r.i
            """;
        var rows = new ResolvedRow?[entries.Count];
        var unknown = new List<int>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (discovered.TryGetValue(entries[i], out var known))
            {
                rows[i] = known;
            }
            else
            {
                unknown.Add(i);
            }
        }
        // In statements of ResolveBatch names: the name arrays and their rows of one batch at a time.
        for (var from = 0; from < unknown.Count; from += ResolveBatch)
        {
            var batch = unknown.GetRange(from, Math.Min(ResolveBatch, unknown.Count - from));
#pragma warning disable CA2100 // fixed text only (no names, no values)
            await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
            command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(i => entries[i].Table?.ToSql()).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(i => entries[i].PkColumn).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(i => entries[i].Sequence?.ToSql()).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var at = batch[(int)reader.GetInt64(0) - 1];
                var entry = entries[at];
                var tableFound = !reader.IsDBNull(1) && reader.GetBoolean(1);
                TargetColumn? column = null;
                if (tableFound && !reader.IsDBNull(5))
                {
                    column = new TargetColumn(new QualifiedName(Shared(reader, 2), reader.GetString(3)), Shared(reader, 5), Shared(reader, 6));
                }
                rows[at] = new ResolvedRow(entry, tableFound, column,
                    reader.IsDBNull(4) ? null : Math.Max(0, reader.GetInt64(4)),
                    reader.IsDBNull(8) ? null : reader.GetFieldValue<uint>(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9)[0],
                    !reader.IsDBNull(10) && reader.GetBoolean(10));
            }
        }

        log.LogDebug("Resolved {Count} entries by name ({Known} known from discovery)", unknown.Count, entries.Count - unknown.Count);
        // The configured name objects, not second copies of them: definitions are held until the report is written.
        var configuredNames = new Dictionary<uint, QualifiedName>();
        foreach (var row in rows)
        {
            if (row!.SequenceOid is { } oid && row.Definition is null && row.Entry.Sequence is { } named)
            {
                configuredNames.TryAdd(oid, named);
            }
        }
        var definitions = await ReadDefinitionsAsync(connection,
            [.. rows.Where(r => r!.SequenceOid is not null && r.Definition is null).Select(r => r!.SequenceOid!.Value).Distinct()], cancellationToken, configuredNames).ConfigureAwait(false);
        foreach (var known in rows.Where(r => r!.Definition is not null))
        {
            definitions.TryAdd(known!.SequenceOid!.Value, known.Definition!);
        }
        log.LogDebug("Read {Count} sequence definitions", definitions.Count);
        var result = new List<Resolution>();
        foreach (var row in rows.Select(r => r!))
        {
            var problems = new List<TargetProblem>();
            var entry = row.Entry;
            if (entry.Table is not null && !row.TableFound)
            {
                problems.Add(Problem(FindingCatalog.TableNotFound, entry.Table.ToString(), $"Table {entry.Table} does not exist in the target ({entry.Location})."));
            }
            else if (entry.Table is not null && row.Column is null)
            {
                problems.Add(Problem(FindingCatalog.ColumnNotFound, entry.Describe(), $"Column {Identifier.Display(entry.PkColumn!)} does not exist in {entry.Table} ({entry.Location})."));
            }
            else if (row.Column is { IsNumeric: false } notNumeric && !IsTextKey(notNumeric))
            {
                problems.Add(Problem(FindingCatalog.KeyColumnNotInteger, entry.Describe(), $"{entry.Describe()} is {row.Column.DataType}, not an integer type ({entry.Location})."));
            }

            TargetSequence? sequence = null;
            if (entry.Sequence is not null && (row.SequenceOid is null || row.ConfiguredKind != 'S'))
            {
                var what = row.SequenceOid is null ? "does not exist in the target" : "is not a sequence";
                problems.Add(Problem(FindingCatalog.SequenceNotFound, entry.Sequence.ToString(), $"Sequence {entry.Sequence} {what} ({entry.Location})."));
            }
            else if (row.SequenceOid is { } oid)
            {
                sequence = definitions[oid];
            }
            else if (entry.Table is not null && row.Column is not null)
            {
                problems.Add(Problem(FindingCatalog.SequenceNotResolved, entry.Describe(),
                    $"No sequence is configured for {entry.Describe()} and the column has no nextval() default or identity ({entry.Location})."));
            }
            result.Add(new Resolution(entry, row.Column, sequence, row.Pages, problems) { KeyIndexed = row.Indexed && !(row.Column is { } key && IsTextKey(key)) });
        }
        return result;
    }

    /// <summary>An entry as found in the target catalog: its table, key column, size, index and sequence.</summary>
    private sealed record ResolvedRow(TableEntry Entry, bool TableFound, TargetColumn? Column, long? Pages, uint? SequenceOid, char? ConfiguredKind, bool Indexed)
    {
        /// <summary>The sequence's definition when the query that found it also read it (discovery).</summary>
        public TargetSequence? Definition { get; init; }
    }

    /// <summary>Set once apply restarted a sequence on a new increment: a re-reading then reads definitions again.</summary>
    private bool incrementsChanged;

    /// <summary>Entries found by discovery in this run, already resolved (by reference: the same objects come back).</summary>
    private readonly Dictionary<TableEntry, ResolvedRow> discovered = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Schema names, type names and key column names repeat across thousands of rows: one string each
    /// (a few hundred bytes per sequence otherwise, held until the report is written).
    /// </summary>
    private static string Shared(NpgsqlDataReader row, int ordinal) => string.Intern(row.GetString(ordinal));

    private static TargetProblem Problem(string code, string obj, string message) =>
        new(code, obj, message, FindingCatalog.Get(code).Resolution);

    /// <summary>
    /// Sequence definitions by OID; a definition whose name equals the one in <paramref name="names"/>
    /// (the configured name) reuses that object.
    /// </summary>
    private static async Task<Dictionary<uint, TargetSequence>> ReadDefinitionsAsync(NpgsqlConnection connection, uint[] oids, CancellationToken cancellationToken,
        IReadOnlyDictionary<uint, QualifiedName>? names = null)
    {
        const string sql = """
            SELECT s.seqrelid, n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL),
                   s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                   pg_catalog.has_sequence_privilege(s.seqrelid, 'UPDATE')
            FROM pg_catalog.unnest($1::pg_catalog.oid[]) AS wanted(oid)
            JOIN pg_catalog.pg_sequence s ON s.seqrelid = wanted.oid
            JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            """;
        var result = new Dictionary<uint, TargetSequence>();
        if (oids.Length == 0)
        {
            return result;
        }
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = oids, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var oid = reader.GetFieldValue<uint>(0);
            var name = new QualifiedName(Shared(reader, 1), reader.GetString(2));
            result[oid] = Definition(reader, 0, names is not null && names.TryGetValue(oid, out var named) && named == name ? named : name, 3);
        }
        return result;
    }

    /// <summary>
    /// A sequence's definition from a row holding its OID at <paramref name="oid"/> and, from
    /// <paramref name="first"/>: type, start, increment, min, max, cache, cycle, UPDATE privilege.
    /// The position (read later) starts as the start value, not called.
    /// </summary>
    private static TargetSequence Definition(NpgsqlDataReader row, int oid, QualifiedName name, int first) =>
        new(name, Shared(row, first), row.GetInt64(first + 1), row.GetInt64(first + 2), row.GetInt64(first + 3), row.GetInt64(first + 4),
            row.GetInt64(first + 5), row.GetBoolean(first + 6), LastValue: row.GetInt64(first + 1), IsCalled: false)
        {
            CanUpdate = row.GetBoolean(first + 7),
            Oid = row.GetFieldValue<uint>(oid),
        };

    /// <summary>
    /// Client sessions on this database other than this run's own (pg_stat_activity): other
    /// cutover-sequencer runs are listed too, only the backends this process opened are left out.
    /// </summary>
    private async Task<IReadOnlyList<string>> ReadOtherSessionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT a.pid, coalesce(a.usename::pg_catalog.text, '?'), coalesce(NULLIF(a.application_name, ''), '(no application name)'),
                   coalesce(pg_catalog.host(a.client_addr), 'local'), coalesce(a.state, '?')
            FROM pg_catalog.pg_stat_activity a
            WHERE a.datname = pg_catalog.current_database() AND a.pid <> pg_catalog.pg_backend_pid()
              AND a.backend_type = 'client backend' AND NOT a.pid = ANY($1::pg_catalog.int4[])
            ORDER BY a.pid
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = OwnPids() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var sessions = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sessions.Add($"pid {reader.GetInt32(0)} ({reader.GetString(1)}, {reader.GetString(2)}, {reader.GetString(3)}, {reader.GetString(4)})");
        }
        return sessions;
    }

    private static async Task<IReadOnlyList<string>> ReadSubscriptionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // subname is readable by every user (only subconninfo is restricted).
        await using var command = new NpgsqlCommand(
            "SELECT subname::pg_catalog.text FROM pg_catalog.pg_subscription WHERE subdbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()) ORDER BY 1",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }
}
