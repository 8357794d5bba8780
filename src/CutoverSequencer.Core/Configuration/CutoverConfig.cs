using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Configuration;

/// <summary>The validated configuration of one run.</summary>
public sealed record CutoverConfig(
    string FilePath,
    SourceConfig Source,
    TargetConfig Target,
    AdvancementConfig SequenceAdvancement)
{
    public NameMapping Names => new(Target.Schema, Source.SchemaMapping, Source.FoldNamesToLower);
}

/// <summary>The source section; <see cref="Kind"/> is the registered name of source.kind.</summary>
public sealed record SourceConfig(
    string Kind,
    string? ExportDirectory,
    string? ConnectionString,
    IReadOnlyList<string> Schemas)
{
    /// <summary>oracle: the Oracle.ManagedDataAccess.dll to load when the build does not bundle it.</summary>
    public string? DriverPath { get; init; }

    /// <summary>
    /// Source owner (as the source stores it) → PostgreSQL schema; unlisted owners map to target.schema.
    /// </summary>
    public IReadOnlyDictionary<string, string> SchemaMapping { get; init; } = new Dictionary<string, string>();

    /// <summary>Fold Oracle's upper-case names to lower case (the default), or keep them as stored.</summary>
    public bool FoldNamesToLower { get; init; } = true;
}

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

public sealed record AdvancementConfig(
    bool Enabled,
    long SafetyMargin,
    IReadOnlyList<TableEntry> Tables)
{
    /// <summary>Also map every sequence-fed column the target's catalog shows (defaults, identity, serial).</summary>
    public bool Discover { get; init; }

    /// <summary>Multi-master: this node's share of the key space (every sequence steps by Nodes).</summary>
    public Interleave? Interleave { get; init; }

    /// <summary>How long the source keeps writing into the target after its values are read (CDC catch-up).</summary>
    public TimeSpan? CatchUpWindow { get; init; }

    /// <summary>Multiplier on rate × window (default 2): the margin must outlast bursts.</summary>
    public decimal RateHeadroom { get; init; } = 2m;
}

/// <summary>
/// Node <see cref="Node"/> of <see cref="Nodes"/>: its sequences step by Nodes and issue only values
/// congruent to Node modulo Nodes, so nodes configured alike never issue the same key.
/// </summary>
public sealed record Interleave(int Nodes, int Node)
{
    public int Residue => Node % Nodes;
}

/// <summary>
/// One configured key: a table column fed by a sequence, or a sequence on its own.
/// Names are already folded the PostgreSQL way; <see cref="Sequence"/> is null when it is to be
/// resolved from the column's default or identity.
/// </summary>
public sealed record TableEntry(
    QualifiedName? Table,
    string? PkColumn,
    QualifiedName? Sequence,
    long? SafetyMargin,
    string? SourceSequence,
    string Location)
{
    /// <summary>Declared source insert rate for this key, used with sequenceAdvancement.catchUpWindow.</summary>
    public double? ExpectedInsertsPerHour { get; init; }

    /// <summary>Where the entry comes from: the configuration, or the source analysis that found it.</summary>
    public string Origin { get; init; } = "configuration";

    /// <summary>
    /// Where <see cref="SourceSequence"/> comes from when it is not the entry's own origin: the source
    /// analysis (trigger, identity column) that mapped this table and column too.
    /// </summary>
    public string? SourceOrigin { get; init; }

    /// <summary>
    /// Configured entries must resolve (a missing object blocks); entries found by analysis are
    /// advisory (a missing object is a warning: the table may not have been migrated).
    /// </summary>
    public bool IsConfigured => Origin == "configuration";

    public string Describe() =>
        Table is null ? $"sequence {Sequence}" : $"{Table}.{Identifier.Display(PkColumn!)}";
}
