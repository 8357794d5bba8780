using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Configuration;

/// <summary>
/// What the configuration knows of one value of <c>source.kind</c>: the keys under <c>source</c> it reads,
/// requires and refuses, and how it names objects. <see cref="Sources.SourceKind"/> adds how it is read.
/// </summary>
public class SourceKeyRules
{
    private static readonly IReadOnlyDictionary<string, string> NoHints = new Dictionary<string, string>();

    /// <summary>The <c>source.kind</c> value, lower case.</summary>
    public required string Name { get; init; }

    public required SourceNaming Naming { get; init; }

    /// <summary>Keys under <c>source</c> this kind reads (kind and nameFolding are read for every kind).</summary>
    public IReadOnlyList<string> Reads { get; init; } = [];

    /// <summary>Keys under <c>source</c> this kind allows and does not read (not resolved, not refused).</summary>
    public IReadOnlyList<string> Ignores { get; init; } = [];

    /// <summary>Keys under <c>source</c> this kind cannot do without.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>source.connectionString is a PostgreSQL one (validated and converted to Npgsql form).</summary>
    public bool PostgresConnectionString { get; init; }

    /// <summary>What to do instead, by key, when this kind is given a key it does not read.</summary>
    public IReadOnlyDictionary<string, string> Refusals { get; init; } = NoHints;

    /// <summary>What to do instead, by key, when another kind is given a key only this one reads.</summary>
    public IReadOnlyDictionary<string, string> Offers { get; init; } = NoHints;

    /// <summary>Said of the kind in the documentation's table of refused keys, if anything.</summary>
    public string? Remark { get; init; }

    public override string ToString() => Name;
}
