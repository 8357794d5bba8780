using CutoverSequencer.Core;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>
/// The session-level advisory lock that lets one apply or rollback at a time write to a target
/// database (advisory locks are per database).
/// </summary>
internal sealed class CutoverLock(SessionPool pool, ILogger log)
{
    private const int LockClass = 72706;
    private const int LockObject = 1;

    public async Task<IAsyncDisposable> LockAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Advisory locks need no write: a read-only session holds it. The first reading session connects
        // meanwhile.
        pool.OpenAhead(cancellationToken);
        var connection = await pool.OpenOwnAsync(pool.Reader, cancellationToken).ConfigureAwait(false);
        try
        {
            var deadline = DateTime.UtcNow + timeout;
            for (var attempt = 0; ; attempt++)
            {
                const string sql = "SELECT pg_catalog.pg_try_advisory_lock($1, $2)";
                await using (var command = new NpgsqlCommand(sql, connection))
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
                        $"another apply holds the cutover lock on {pool.Endpoint}: {holder}; " +
                        $"waited {timeout.TotalSeconds:0} s (target.lockTimeout)");
                }
                if (attempt == 0)
                {
                    log.LogWarning("Another apply holds the cutover lock on {Endpoint}; waiting up to {Seconds} s",
                        pool.Endpoint, (int)timeout.TotalSeconds);
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
            SELECT a.pid, coalesce(a.usename::pg_catalog.text, '?'), coalesce(a.application_name, ''),
                   coalesce(pg_catalog.host(a.client_addr), 'local'),
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
            ? $"pid {reader.GetInt32(0)}, user {reader.GetString(1)}, application '{reader.GetString(2)}', " +
              $"client {reader.GetString(3)}, connected since {reader.GetString(4)} UTC"
            : "the holder has just released it";
    }

    private sealed class AdvisoryLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        // Closing the session releases a session-level advisory lock; no unlock call can be forgotten.
        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
