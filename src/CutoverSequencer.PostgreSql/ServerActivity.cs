using System.Numerics;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Stage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>What the target server says about itself and its other clients, read at inspection.</summary>
internal static class ServerActivity
{
    public static async Task<bool> InRecoveryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_catalog.pg_is_in_recovery()", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Client sessions on this database other than this run's own (pg_stat_activity): other
    /// cutover-sequencer runs are listed too, only the backends this process opened are left out.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReadOtherSessionsAsync(NpgsqlConnection connection, int[] ownPids,
        CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT a.pid, coalesce(a.usename::pg_catalog.text, '?'),
                   coalesce(NULLIF(a.application_name, ''), '(no application name)'),
                   coalesce(pg_catalog.host(a.client_addr), 'local'), coalesce(a.state, '?')
            FROM pg_catalog.pg_stat_activity a
            WHERE a.datname = pg_catalog.current_database() AND a.pid <> pg_catalog.pg_backend_pid()
              AND a.backend_type = 'client backend' AND NOT a.pid = ANY($1::pg_catalog.int4[])
            ORDER BY a.pid
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ownPids });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var sessions = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sessions.Add(
                $"pid {reader.GetInt32(0)} ({reader.GetString(1)}, {reader.GetString(2)}, " +
                $"{reader.GetString(3)}, {reader.GetString(4)})");
        }
        return sessions;
    }

    public static async Task<IReadOnlyList<string>> ReadSubscriptionsAsync(NpgsqlConnection connection,
        CancellationToken cancellationToken)
    {
        // subname is readable by every user (only subconninfo is restricted).
        await using var command = new NpgsqlCommand(
            "SELECT subname::pg_catalog.text FROM pg_catalog.pg_subscription WHERE subdbid = " +
            "(SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()) ORDER BY 1",
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
