using CutoverSequencer.PostgreSql;
using Npgsql;

namespace CutoverSequencer.IntegrationTests;

/// <summary>
/// Skips when no PostgreSQL server binaries are installed, except on CI (CI=true), where a missing
/// PostgreSQL must fail the run rather than pass it silently.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresCluster.IsCi && LocalCluster.FindBinDirectory() is null)
        {
            Skip = "PostgreSQL server binaries (initdb, pg_ctl) not found; run scripts/setup.sh";
        }
    }
}

/// <summary>One real cluster per test collection; each test takes a database of its own.</summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private LocalCluster? cluster;
    private int databases;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public LocalCluster Cluster => cluster ?? throw new InvalidOperationException("the cluster did not start");

    public async Task InitializeAsync()
    {
        if (!IsCi && LocalCluster.FindBinDirectory() is null)
        {
            return;
        }
        cluster = await LocalCluster.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>A fresh database, optionally loaded with a script; returns its connection string.</summary>
    public async Task<string> NewDatabaseAsync(string? script = null)
    {
        var name = $"t{Interlocked.Increment(ref databases)}_{Guid.NewGuid():N}"[..20];
        await Cluster.CreateDatabaseAsync(name, CancellationToken.None);
        if (script is not null)
        {
            await Cluster.ExecuteAsync(name, script, CancellationToken.None);
        }
        return Cluster.ConnectionString(name);
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>last_value and is_called, read without consuming a value.</summary>
    public static async Task<(long LastValue, bool IsCalled)> SequenceAsync(string connectionString, string sequence)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT last_value, is_called FROM {sequence}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetBoolean(1));
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL cluster";
}
