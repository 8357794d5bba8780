using System.Net.Sockets;
using CutoverSequencer.Core;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>Opens connections and turns driver errors into the stage's exit codes, without secrets.</summary>
public static class PostgresConnections
{
    /// <summary>application_name of every session of the tool.</summary>
    public const string ApplicationName = "cutover-sequencer";

    /// <summary>
    /// application_name inside a write transaction (SET LOCAL): a backend still showing it after its run is an orphan.
    /// </summary>
    public const string WriteApplicationName = "cutover-sequencer/write";

    /// <summary>
    /// The first statements of every write transaction: it gives up on a lock after
    /// <paramref name="lockTimeout"/> instead of running after its process has gone, and shows as a writer.
    /// </summary>
    public static string[] WriteSettings(TimeSpan lockTimeout) =>
    [
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"SET LOCAL lock_timeout = {Math.Max(1, (long)lockTimeout.TotalMilliseconds)}"),
        $"SET LOCAL application_name = '{WriteApplicationName}'",
    ];

    /// <param name="readOnly">Sessions refuse every write: inspection and verification can change nothing.</param>
    /// <param name="statementTimeout">Server-side statement_timeout; null: none (a full scan may take long).</param>
    public static NpgsqlDataSource CreateDataSource(
        string connectionString, string role, bool readOnly = false, TimeSpan? statementTimeout = null)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // The message of a parse error may quote the string, password included: do not pass it on.
            throw new InvalidInputException($"{role} connection string is not valid: {FirstWord(e.Message)}", e);
        }
        // Always ours, whatever the connection string says: other runs find this one's sessions by it
        // (write transactions switch to WriteApplicationName with SET LOCAL).
        builder.ApplicationName = ApplicationName;
        // Unqualified names resolve in pg_catalog only: a schema earlier in the database's or role's
        // search_path cannot stand in for a catalog table or function (client options win over
        // ALTER DATABASE/ROLE ... SET).
        builder.Options = $"{builder.Options} -c search_path=pg_catalog,pg_temp".Trim();
        if (readOnly)
        {
            builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        }
        // Npgsql's 30-second client default would abort a long MAX scan over an unindexed table;
        // the server-side statement_timeout, when configured, is the limit instead.
        if (!connectionString.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase) &&
            !connectionString.Contains("CommandTimeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.CommandTimeout = 0;
        }
        if (statementTimeout is { } timeout)
        {
            builder.Options = $"{builder.Options} -c statement_timeout={(long)timeout.TotalMilliseconds}".Trim();
        }
        var dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        // Only built-in types are read or sent: skip loading the server's type catalog on first use.
        dataSource.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
        return dataSource.Build();
    }

    /// <summary><c>postgresql://user@host:port/database</c>: where we connect, never the password.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            var user = string.IsNullOrEmpty(b.Username) ? "" : $"{b.Username}@";
            return $"postgresql://{user}{b.Host}:{b.Port}/{b.Database}";
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            return "postgresql://(invalid connection string)";
        }
    }

    /// <summary>
    /// Opens a connection, retrying transient failures (server starting, network blips) with backoff.
    /// </summary>
    public static async Task<NpgsqlConnection> OpenAsync(
        NpgsqlDataSource dataSource, string endpoint, CancellationToken cancellationToken, int retries = 3)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException e)
                when (e.IsTransient && attempt < retries && !cancellationToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(4000, 250 * (1 << attempt)));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
            {
                throw Classify(e, endpoint);
            }
        }
    }

    /// <summary>Maps connection and permission failures to exit code 3; others stay as they are.</summary>
    public static Exception Classify(Exception e, string endpoint)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            PostgresException { SqlState: "28P01" or "28000" } pg =>
                new ConnectionFailedException(
                    $"cannot connect to {endpoint}: authentication failed ({pg.SqlState})", e),
            PostgresException { SqlState: "3D000" } pg =>
                new ConnectionFailedException($"cannot connect to {endpoint}: {pg.MessageText} ({pg.SqlState})", e),
            PostgresException { SqlState: "42501" } pg =>
                new ConnectionFailedException($"not permitted on {endpoint}: {pg.MessageText} (SQLSTATE 42501)", e),
            PostgresException { SqlState: var state } pg
                when state.StartsWith("08", StringComparison.Ordinal)
                    || state.StartsWith("57P", StringComparison.Ordinal) =>
                new ConnectionFailedException(
                    $"connection to {endpoint} failed: {pg.MessageText} ({pg.SqlState})", e),
            PostgresException pg =>
                new CutoverException(
                    $"{endpoint}: {pg.MessageText} (SQLSTATE {pg.SqlState}" +
                    $"{(pg.Position > 0 ? $", position {pg.Position}" : "")})",
                    ExitCodes.CannotConnect,
                    e),
            NpgsqlException or SocketException or TimeoutException =>
                new ConnectionFailedException($"cannot connect to {endpoint}: {Innermost(e).Message}", e),
            _ => e,
        };
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e;
    }

    private static string FirstWord(string message) => message.Split('\n')[0].Trim();
}
