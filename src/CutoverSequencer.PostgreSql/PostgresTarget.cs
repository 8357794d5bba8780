using System.Globalization;
using System.Numerics;
using System.Text;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Core;
using Npgsql;
using Serilog;

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
            // A re-reading (verify inside apply) keeps the names as resolved: only positions and keys change.
            var resolved = previous is not null && previous.Entries.Count == entries.Count && previous.Entries.Select(e => e.Entry).SequenceEqual(entries)
                ? await ReuseResolutionAsync(connection, previous, cancellationToken).ConfigureAwait(false)
                : await ResolveAsync(connection, entries, cancellationToken).ConfigureAwait(false);
            log.Debug("Resolved {Count} entries in {Ms} ms", entries.Count, watch.ElapsedMilliseconds);
            if (Core.Stage.LargeRun.Applies(entries.Count))
            {
                // Resolution leaves its name arrays and catalog rows behind; the key reads that follow
                // build every entry's state on top of them.
                Core.Stage.LargeRun.Compact();
            }
            watch.Restart();
            var states = new List<TargetEntryState>(resolved.Count);
            foreach (var r in resolved)
            {
                states.Add(new TargetEntryState(r.Entry, r.Column, r.Sequence, null, r.Problems) { Pages = r.Pages, KeyIndexed = r.KeyIndexed });
            }
            if (previous is not null)
            {
                // Whole-table scans are not repeated: take those keys from the earlier reading.
                var earlier = previous.Entries.ToDictionary(e => e.Entry, e => e);
                states = [.. states.Select(s => s.Column is not null && !s.KeyIndexed && earlier.TryGetValue(s.Entry, out var e) && e.Problems.Count == 0
                    ? s with { KeyExtreme = e.KeyExtreme, ScanTime = e.ScanTime, KeyFromEarlierReading = true }
                    : s)];
            }
            states = await ReadStatesAsync(states, cancellationToken).ConfigureAwait(false);
            log.Debug("Read sequence positions and key extremes in {Ms} ms", watch.ElapsedMilliseconds);
            return new TargetSnapshot(Endpoint, connection.PostgreSqlVersion.ToString(), states)
            {
                Subscriptions = await ReadSubscriptionsAsync(connection, cancellationToken).ConfigureAwait(false),
                OtherSessions = await ReadOtherSessionsAsync(connection, cancellationToken).ConfigureAwait(false),
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
        const string sql = """
            SELECT x.nspname, x.relname, a.attname, sn.nspname, s.relname, x.how,
                   x.relpages, format_type(a.atttypid, a.atttypmod), s.oid,
                   EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = x.relid AND i.indkey[0] = a.attnum AND i.indpred IS NULL),
                   format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, q.seqmin, q.seqmax, q.seqcache, q.seqcycle,
                   has_sequence_privilege(s.oid, 'UPDATE')
            FROM (
                SELECT DISTINCT ON (c.oid, src.attnum) n.nspname, c.relname, c.oid AS relid, c.relpages::bigint AS relpages,
                       src.attnum, src.seqid, src.how
                FROM (
                    SELECT ad.adrelid AS relid, ad.adnum AS attnum, d.refobjid AS seqid, 'column default' AS how, 1 AS rank
                    FROM pg_attrdef ad
                    JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid AND d.refclassid = 'pg_class'::regclass
                    UNION ALL
                    SELECT d.refobjid, d.refobjsubid::int2, d.objid, CASE d.deptype WHEN 'i' THEN 'identity' ELSE 'OWNED BY' END, 2
                    FROM pg_depend d
                    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
                      AND d.deptype IN ('i', 'a') AND d.refobjsubid > 0
                ) src
                JOIN pg_class sq ON sq.oid = src.seqid AND sq.relkind = 'S'
                JOIN pg_class c ON c.oid = src.relid AND c.relkind IN ('r', 'p')
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY($1)
                ORDER BY c.oid, src.attnum, src.rank
            ) x
            JOIN pg_attribute a ON a.attrelid = x.relid AND a.attnum = x.attnum AND NOT a.attisdropped
            JOIN pg_class s ON s.oid = x.seqid
            JOIN pg_namespace sn ON sn.oid = s.relnamespace
            JOIN pg_sequence q ON q.seqrelid = s.oid
            ORDER BY x.nspname, x.relname, a.attnum
            """;
        var connection = await SessionAsync(0, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
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

    /// <summary>Advisory lock key: one apply per target database (advisory locks are per database).</summary>
    private const int LockClass = 72706;
    private const int LockObject = 1;

    public async Task<IAsyncDisposable> LockAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Advisory locks need no write: a read-only session holds it. The first reading session connects
        // meanwhile.
        OpenAhead(cancellationToken);
        var connection = await PostgresConnections.OpenAsync(reader, Endpoint, cancellationToken, config.ConnectRetries).ConfigureAwait(false);
        try
        {
            var deadline = DateTime.UtcNow + timeout;
            for (var attempt = 0; ; attempt++)
            {
                await using (var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, $2)", connection))
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
                    log.Warning("Another apply holds the cutover lock on {Endpoint}; waiting up to {Seconds} s", Endpoint, (int)timeout.TotalSeconds);
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
            SELECT a.pid, coalesce(a.usename::text, '?'), coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'local'),
                   to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
            FROM pg_locks l
            JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
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
        var restarts = sequences.Where(r => r.NewIncrement is not null).ToList();
        await using var connection = restarts.Count == 0 ? null : await PostgresConnections.OpenAsync(writer, Endpoint, cancellationToken, config.ConnectRetries).ConfigureAwait(false);
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
            log.Error("Apply failed: {Message} (SQLSTATE {SqlState})", e.MessageText, e.SqlState);
            return await ConfirmAsync(sequences, set, ahead, onSet, $"{e.MessageText} (SQLSTATE {e.SqlState})", e.SqlState == "42501").ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            log.Error("Apply interrupted: {Message}", e.Message);
            return await ConfirmAsync(sequences, set, ahead, onSet, $"connection lost: {e.Message}", true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException && cancellationToken.IsCancellationRequested)
        {
            log.Error("Apply interrupted by the operator");
            return await ConfirmAsync(sequences, set, ahead, onSet, "interrupted (Ctrl+C)", false).ConfigureAwait(false);
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
            SELECT u.i, CASE WHEN (p.next_value - u.planned_next) * sign(u.increment) < 0
                             THEN setval(u.seq::regclass, u.new_value, true) IS NOT NULL ELSE false END
            FROM unnest($1::text[], $2::text[], $3::bigint[], $4::numeric[], $5::numeric[])
                 WITH ORDINALITY AS u(seq, q, new_value, increment, planned_next, i)
            CROSS JOIN LATERAL (
                SELECT CASE WHEN split_part(split_part(x, '<c>', 2), '</c>', 1)::boolean
                            THEN split_part(split_part(x, '<l>', 2), '</l>', 1)::numeric + u.increment
                            ELSE split_part(split_part(x, '<l>', 2), '</l>', 1)::numeric END AS next_value
                FROM (SELECT query_to_xml(u.q, false, true, '')::text AS x OFFSET 0) r
            ) p
            """;
        // The held sessions are read-only by default: the write is an explicit READ WRITE transaction.
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN READ WRITE"));
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
            // BEGIN and COMMIT return no rows; the compare-and-set returns one per sequence.
            while (reader.FieldCount == 2 && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = chunk[reader.GetInt64(0) - 1];
                var name = row.Sequence!;
                if (reader.GetBoolean(1))
                {
                    log.Debug("setval({Sequence}, {Value}, true)", row.Name, row.NewValue);
                    lock (set)
                    {
                        set.Add(name);
                    }
                    onSet([name]);
                }
                else
                {
                    log.Warning("{Sequence} was already at or past {Next} when written: left unchanged", row.Name, row.NextValue);
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
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await using var connection = await PostgresConnections.OpenAsync(reader, Endpoint, timeout.Token, retries: 1).ConfigureAwait(false);
            var positions = await ReadPositionsAsync(connection, [.. unknown.Select(r => r.Current!)], timeout.Token).ConfigureAwait(false);
            var reached = unknown
                .Where(r => positions.TryGetValue(r.Sequence!, out var now) && (r.Current!.Descending ? now.NextValue <= r.NextValue!.Value : now.NextValue >= r.NextValue!.Value))
                .Select(r => r.Sequence!)
                .ToList();
            if (reached.Count > 0)
            {
                log.Information("Read back after the failure: {Count} more sequence(s) had reached their planned value", reached.Count);
                set.AddRange(reached);
                onSet(reached);
            }
            unknown = [.. unknown.Where(r => !reached.Contains(r.Sequence!))];
        }
        catch (Exception e) when (e is NpgsqlException or Core.CutoverException or OperationCanceledException)
        {
            log.Warning("Could not read the sequences back after the failure ({Message}); the report lists only confirmed writes", e.Message);
        }
        return new ApplyResult(set, unknown.FirstOrDefault()?.Sequence, error, NotPermitted: notPermitted && set.Count == 0) { AlreadyAhead = ahead };
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
        log.Information("ALTER SEQUENCE {Sequence} INCREMENT BY {Stride} RESTART WITH {Next}", row.Name, stride, next);
        return true;
    }

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
        const string sql = """
            WITH e AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS e(tbl, col, seq, i)
            ), r AS (
                SELECT e.i, e.col, e.seq IS NOT NULL AS seq_configured,
                       to_regclass(e.tbl) AS tbl_oid, to_regclass(e.seq) AS seq_oid
                FROM e
            )
            SELECT r.i,
                   r.tbl_oid IS NOT NULL AND tc.relkind IN ('r', 'p', 'f', 'm') AS table_found,
                   tn.nspname, tc.relname, tc.relpages::bigint,
                   a.attname, format_type(a.atttypid, a.atttypmod) AS column_type,
                   a.attidentity::text,
                   coalesce(CASE WHEN r.seq_configured THEN r.seq_oid END, dflt.oid, owned.oid)::oid AS sequence_oid,
                   CASE WHEN r.seq_configured THEN sc.relkind::text END AS configured_relkind,
                   EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = r.tbl_oid AND i.indkey[0] = a.attnum AND i.indpred IS NULL) AS key_indexed
            FROM r
            LEFT JOIN pg_class tc ON tc.oid = r.tbl_oid
            LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace
            LEFT JOIN pg_attribute a ON a.attrelid = r.tbl_oid AND a.attname = r.col AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_class sc ON sc.oid = r.seq_oid
            -- the sequence the column default calls (nextval('...')), which is what feeds the column
            LEFT JOIN LATERAL (
                SELECT d.refobjid AS oid
                FROM pg_attrdef ad
                JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid AND d.refclassid = 'pg_class'::regclass
                JOIN pg_class c ON c.oid = d.refobjid AND c.relkind = 'S'
                WHERE NOT r.seq_configured AND ad.adrelid = r.tbl_oid AND ad.adnum = a.attnum
                LIMIT 1
            ) dflt ON true
            -- identity columns, and serial sequences OWNED BY the column
            LEFT JOIN LATERAL (
                SELECT d.objid AS oid
                FROM pg_depend d
                JOIN pg_class c ON c.oid = d.objid AND c.relkind = 'S'
                WHERE NOT r.seq_configured AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
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
            await using var command = new NpgsqlCommand(sql, connection);
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

        log.Debug("Resolved {Count} entries by name ({Known} known from discovery)", unknown.Count, entries.Count - unknown.Count);
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
        log.Debug("Read {Count} sequence definitions", definitions.Count);
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
            else if (row.Column is { IsNumeric: false })
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
            result.Add(new Resolution(entry, row.Column, sequence, row.Pages, problems) { KeyIndexed = row.Indexed });
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
            SELECT s.seqrelid, n.nspname, c.relname, format_type(s.seqtypid, NULL),
                   s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                   has_sequence_privilege(s.seqrelid, 'UPDATE')
            FROM unnest($1::oid[]) AS wanted(oid)
            JOIN pg_sequence s ON s.seqrelid = wanted.oid
            JOIN pg_class c ON c.oid = s.seqrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
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

    /// <summary>Client sessions on this database other than the stage's own (pg_stat_activity).</summary>
    private static async Task<IReadOnlyList<string>> ReadOtherSessionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT a.pid, coalesce(a.usename::text, '?'), coalesce(nullif(a.application_name, ''), '(no application name)'),
                   coalesce(host(a.client_addr), 'local'), coalesce(a.state, '?')
            FROM pg_stat_activity a
            WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
              AND a.backend_type = 'client backend' AND a.application_name IS DISTINCT FROM 'cutover-sequencer'
            ORDER BY a.pid
            """;
        await using var command = new NpgsqlCommand(sql, connection);
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
            "SELECT subname::text FROM pg_subscription WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }
}
