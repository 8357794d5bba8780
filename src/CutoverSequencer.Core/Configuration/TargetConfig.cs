namespace CutoverSequencer.Core.Configuration;

public sealed record TargetConfig(string ConnectionString, string Schema)
{
    /// <summary>
    /// Schemas that <c>discover: true</c> scans (target.schemas); default: <see cref="Schema"/> alone.
    /// </summary>
    public IReadOnlyList<string> Schemas { get; init; } = [Schema];

    /// <summary>
    /// lock_timeout of every write statement (target.writeLockTimeout): a setval or ALTER SEQUENCE
    /// waiting on a lock gives up instead of running later, after its run has ended.
    /// </summary>
    public TimeSpan WriteLockTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>statement_timeout for inspection queries (the MAX scans); null: none.</summary>
    public TimeSpan? StatementTimeout { get; init; }

    /// <summary>How long apply waits for another apply on the same database to finish.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Connection attempts after a transient failure (with backoff).</summary>
    public int ConnectRetries { get; init; } = 3;

    /// <summary>Key scans running at once, each on its own connection (default: the machine's cores).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
}
