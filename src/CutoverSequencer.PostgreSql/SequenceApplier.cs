using System.Globalization;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Sequences;
using CutoverSequencer.Core.Stage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>
/// Moves the planned sequences, only forward: compare-and-set setval in chunks over the held sessions,
/// and the restart of a sequence on a node's stride. Cancels earlier runs' orphaned writers first.
/// </summary>
internal sealed class SequenceApplier(TargetConfig config, SessionPool pool, OrphanedWriters orphans, ILogger log)
{
    /// <summary>
    /// Set once a sequence was restarted on a new increment: a re-reading then reads definitions again.
    /// </summary>
    public bool IncrementsChanged { get; private set; }

    public async Task<ApplyResult> ApplyAsync(IReadOnlyList<PlannedSequence> sequences,
        Action<IReadOnlyList<QualifiedName>> onSet, CancellationToken cancellationToken)
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
        await orphans.CancelAsync(cancellationToken).ConfigureAwait(false);
        var restarts = sequences.Where(r => r.NewIncrement is not null).ToList();
        await using var connection = restarts.Count == 0
            ? null
            : await pool.OpenOwnAsync(pool.Writer, cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var row in restarts)
            {
                IncrementsChanged = true;
                var moved = await RestartOnStrideAsync(connection!, row, cancellationToken).ConfigureAwait(false);
                (moved ? set : ahead).Add(row.Sequence!);
                if (moved)
                {
                    onSet([row.Sequence!]);
                }
            }
            // Plain advances: one compare-and-set statement per chunk, chunks spread over the held
            // sessions (setval on different sequences never conflicts). The first failure stops the other workers.
            var chunks = sequences.Where(r => r.NewIncrement is null).Chunk(SequencePositionReader.ChunkSize).ToList();
            await pool.RunPooledAsync([], chunks,
                (use, chunk, token) => SetChunkAsync(use, chunk, set, ahead, onSet, token), cancellationToken)
                .ConfigureAwait(false);
            lock (set)
            {
                return new ApplyResult([.. set], null, null) { AlreadyAhead = [.. ahead] };
            }
        }
        catch (PostgresException e)
        {
            log.LogError("Apply failed: {Message} (SQLSTATE {SqlState})", e.MessageText, e.SqlState);
            // A refusal mid-statement leaves the setvals before it standing: only the read-back proves nothing moved.
            return await ConfirmAsync(sequences, set, ahead, onSet, $"{e.MessageText} (SQLSTATE {e.SqlState})", false)
                .ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            log.LogError("Apply interrupted: {Message}", e.Message);
            // Not "not permitted": the server may have run setvals whose results never arrived.
            return await ConfirmAsync(sequences, set, ahead, onSet, $"connection lost: {e.Message}", false)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException
                                  or NpgsqlException && cancellationToken.IsCancellationRequested)
        {
            log.LogError("Apply interrupted by the operator");
            var confirmed = await ConfirmAsync(sequences, set, ahead, onSet, "interrupted (Ctrl+C)", false)
                .ConfigureAwait(false);
            return confirmed with { Interrupted = true };
        }
    }

    /// <summary>
    /// One statement sets a chunk: for each sequence in turn, the server reads its position (through
    /// query_to_xml, in the same statement) and calls setval only when the next value is still short of
    /// the planned one, so nothing that advanced the sequence since inspection is undone. Each row says
    /// whether it wrote. A failure ends the statement; the setvals before it stay (setval is not undone
    /// by rollback) and are found by the read-back.
    /// </summary>
    private async Task SetChunkAsync(NpgsqlConnection connection, PlannedSequence[] chunk, List<QualifiedName> set,
        List<QualifiedName> ahead,
        Action<IReadOnlyList<QualifiedName>> onSet, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT u.i, CASE WHEN (p.next_value - u.planned_next) * pg_catalog.sign(u.increment) < 0
                             THEN pg_catalog.setval(u.seq::pg_catalog.regclass, u.new_value, true) IS NOT NULL
                             ELSE false END
            FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]), pg_catalog.unnest($2::pg_catalog.text[]),
                           pg_catalog.unnest($3::pg_catalog.int8[]),
                           pg_catalog.unnest($4::pg_catalog.numeric[]), pg_catalog.unnest($5::pg_catalog.numeric[]))
                 WITH ORDINALITY AS u(seq, q, new_value, increment, planned_next, i)
            CROSS JOIN LATERAL (
                SELECT CASE WHEN pg_catalog.split_part(pg_catalog.split_part(x, '<c>', 2), '</c>', 1)::pg_catalog.bool
                            THEN pg_catalog.split_part(pg_catalog.split_part(x, '<l>', 2), '</l>', 1)
                                     ::pg_catalog.numeric + u.increment
                            ELSE pg_catalog.split_part(pg_catalog.split_part(x, '<l>', 2), '</l>', 1)
                                     ::pg_catalog.numeric
                       END AS next_value
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
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = chunk.Select(r => ProbeQueries.ProbeQuery(null, false, r.Sequence!)).ToArray(),
        });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(r => (long)r.NewValue!.Value).ToArray() });
        var increments = chunk.Select(r => (decimal)r.Current!.Increment).ToArray();
        var plannedNext = chunk.Select(r => (decimal)r.NextValue!.Value).ToArray();
        command.Parameters.Add(new NpgsqlParameter { Value = increments });
        command.Parameters.Add(new NpgsqlParameter { Value = plannedNext });
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
                    log.LogWarning("{Sequence} was already at or past {Next} when written: left unchanged",
                        row.Name, row.NextValue);
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
    private async Task<ApplyResult> ConfirmAsync(IReadOnlyList<PlannedSequence> sequences, List<QualifiedName> set,
        List<QualifiedName> ahead,
        Action<IReadOnlyList<QualifiedName>> onSet, string error, bool notPermitted)
    {
        var settled = set.Concat(ahead).ToHashSet();
        var unknown = sequences.Where(r => !settled.Contains(r.Sequence!)).ToList();
        var readBack = false;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await using var connection = await pool.OpenOwnAsync(pool.Reader, timeout.Token, retries: 1)
                .ConfigureAwait(false);
            var positions = await SequencePositionReader
                .ReadPositionsAsync(connection, [.. unknown.Select(r => r.Current!)], timeout.Token)
                .ConfigureAwait(false);
            var reached = unknown
                .Where(r => positions.TryGetValue(r.Sequence!, out var now)
                            && SequenceMath.Reached(now.NextValue, r.NextValue!.Value, r.Current!.Descending))
                .Select(r => r.Sequence!)
                .ToList();
            if (reached.Count > 0)
            {
                log.LogInformation(
                    "Read back after the failure: {Count} more sequence(s) had reached their planned value",
                    reached.Count);
                set.AddRange(reached);
                onSet(reached);
            }
            unknown = [.. unknown.Where(r => !reached.Contains(r.Sequence!))];
            readBack = true;
        }
        catch (Exception e) when (e is NpgsqlException or Core.CutoverException or OperationCanceledException)
        {
            log.LogWarning(
                "Could not read the sequences back after the failure ({Message}); " +
                "the report lists only confirmed writes",
                e.Message);
        }
        return new ApplyResult(set, unknown.FirstOrDefault()?.Sequence, error,
            NotPermitted: notPermitted && set.Count == 0)
        {
            AlreadyAhead = ahead,
            NothingWritten = readBack && set.Count == 0,
        };
    }

    /// <summary>
    /// Interleave: in one transaction, ALTER SEQUENCE (which locks out nextval until commit), read the
    /// position, and restart on the node's stream no lower than where the sequence already is.
    /// </summary>
    private async Task<bool> RestartOnStrideAsync(NpgsqlConnection connection, PlannedSequence row,
        CancellationToken cancellationToken)
    {
        var stride = row.NewIncrement!.Value;
        var name = row.Sequence!.ToSql();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await WriteSettingsAsync(connection, transaction, config.WriteLockTimeout, cancellationToken)
            .ConfigureAwait(false);
#pragma warning disable CA2100 // catalog identifier, always quoted; integers formatted invariantly
        var increment = string.Create(CultureInfo.InvariantCulture, $"ALTER SEQUENCE {name} INCREMENT BY {stride}");
        await using (var alter = new NpgsqlCommand(increment, connection, transaction))
        {
            await alter.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning restore CA2100
        var currentNext = await SequencePositionReader
            .ReadNextValueAsync(connection, transaction, row.Sequence!, row.Current!.Increment, cancellationToken)
            .ConfigureAwait(false);
        var next = row.NextValue!.Value;
        if (currentNext > next)
        {
            next = SequenceGrid.NextOnGrid(currentNext, SequenceGrid.Residue(next, stride), stride);
        }
#pragma warning disable CA2100 // catalog identifier, always quoted; integers formatted invariantly
        var sql = string.Create(CultureInfo.InvariantCulture, $"ALTER SEQUENCE {name} RESTART WITH {next}");
        await using (var restart = new NpgsqlCommand(sql, connection, transaction))
        {
            await restart.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning restore CA2100
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("ALTER SEQUENCE {Sequence} INCREMENT BY {Stride} RESTART WITH {Next}",
            row.Name, stride, next);
        return true;
    }

    /// <summary>SET LOCAL lock_timeout and the writer's application_name, first in a write transaction.</summary>
    internal static async Task WriteSettingsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        foreach (var setting in PostgresConnections.WriteSettings(lockTimeout))
        {
#pragma warning disable CA2100 // fixed text with an invariant integer
            await using var command = new NpgsqlCommand(setting, connection, transaction);
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
