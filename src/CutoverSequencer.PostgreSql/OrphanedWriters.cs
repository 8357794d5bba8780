using System.Numerics;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Sequences;
using CutoverSequencer.Core.Stage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>Write statements of earlier, killed runs, found and cancelled before this run writes.</summary>
internal sealed class OrphanedWriters(TargetConfig config, SessionPool pool, ILogger log)
{
    /// <summary>
    /// Cancels write statements of earlier runs still running on this database: backends showing the
    /// writer's application_name (set only inside write transactions) that this process did not open.
    /// The caller holds the apply lock, so no live apply or rollback can be among them. Backends that
    /// cannot be cancelled (another role's) or do not stop within the write lock timeout are named and
    /// nothing is written.
    /// </summary>
    public async Task CancelAsync(CancellationToken cancellationToken)
    {
        const string find = """
            SELECT a.pid, coalesce(a.usename::pg_catalog.text, '?'), coalesce(a.state, 'state not visible'),
                   pg_catalog.to_char(a.query_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
            FROM pg_catalog.pg_stat_activity a
            WHERE a.datname = pg_catalog.current_database() AND a.application_name = $1
              AND (a.state IS NULL OR a.state <> 'idle') AND a.pid <> pg_catalog.pg_backend_pid()
              AND NOT a.pid = ANY($2::pg_catalog.int4[])
            ORDER BY a.pid
            """;
        await using var connection = await pool.OpenOwnAsync(pool.Reader, cancellationToken).ConfigureAwait(false);
        try
        {
            async Task<List<(int Pid, string Detail)>> FindAsync()
            {
                await using var command = new NpgsqlCommand(find, connection);
                command.Parameters.Add(new NpgsqlParameter { Value = PostgresConnections.WriteApplicationName });
                command.Parameters.Add(new NpgsqlParameter { Value = pool.OwnPids() });
                await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var found = new List<(int, string)>();
                while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var since = rows.IsDBNull(3) ? "" : $" since {rows.GetString(3)} UTC";
                    var detail = $"pid {rows.GetInt32(0)} (user {rows.GetString(1)}, {rows.GetString(2)}{since})";
                    found.Add((rows.GetInt32(0), detail));
                }
                return found;
            }
            var orphans = await FindAsync().ConfigureAwait(false);
            if (orphans.Count == 0)
            {
                return;
            }
            log.LogWarning(
                "Write statements of an earlier run are still running on {Endpoint}: {Orphans}; cancelling them",
                pool.Endpoint, string.Join(", ", orphans.Select(o => o.Detail)));
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
                $"write statements of an earlier cutover-sequencer run are still running on {pool.Endpoint} " +
                $"and could not be cancelled: " +
                $"{string.Join("; ", refused.Count > 0 ? refused : orphans.Select(o => o.Detail))}. " +
                "Nothing was written; end them (pg_terminate_backend) and re-run.");
        }
        catch (NpgsqlException e)
        {
            throw PostgresConnections.Classify(e, pool.Endpoint);
        }
    }
}
