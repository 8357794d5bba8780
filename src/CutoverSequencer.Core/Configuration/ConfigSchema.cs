
namespace CutoverSequencer.Core.Configuration;

/// <summary>The shape of the YAML file: which keys exist where, used to reject typos early.</summary>
internal sealed class ConfigSchema
{
    /// <summary>The source keys this loader knows how to read, in the order their problems are listed.</summary>
    public static readonly IReadOnlyList<string> SourceKeyOrder =
        ["schemas", "schemaMapping", "exportDirectory", "connectionString", "driverPath"];

    private static readonly Dictionary<string, ConfigSchema> SourceKeyShapes = new(StringComparer.Ordinal)
    {
        ["schemas"] = ListOf(Scalar()),
        ["schemaMapping"] = DictionaryOf(Scalar()),
    };

    /// <summary>The whole file, with the source keys of every registered kind.</summary>
    public static ConfigSchema For(SourceKeyRuleSet kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var source = new List<(string, ConfigSchema)> { ("kind", Scalar()) };
        source.AddRange(kinds.SourceKeys(SourceKeyOrder)
            .Select(k => (k, SourceKeyShapes.GetValueOrDefault(k) ?? Scalar())));
        source.Add(("nameFolding", Scalar()));
        return Map(("source", Map([.. source])), Target, Advancement);
    }

    private static readonly (string, ConfigSchema) Target =
        ("target", Map(
            ("connectionString", Scalar()),
            ("schema", Scalar()),
            ("schemas", ListOf(Scalar())),
            ("statementTimeout", Scalar()),
            ("lockTimeout", Scalar()),
            ("writeLockTimeout", Scalar()),
            ("connectRetries", Scalar()),
            ("maxParallelism", Scalar())));

    private static readonly (string, ConfigSchema) Advancement =
        ("sequenceAdvancement", Map(
            ("enabled", Scalar()),
            ("safetyMargin", Scalar()),
            ("discover", Scalar()),
            ("catchUpWindow", Scalar()),
            ("rateHeadroom", Scalar()),
            ("keyHeadroom", Map(
                ("percent", Scalar()),
                ("time", Scalar()))),
            ("interleave", Map(
                ("nodes", Scalar()),
                ("node", Scalar()))),
            ("tables", ListOf(Map(
                ("table", Scalar()),
                ("pkColumn", Scalar()),
                ("sequence", Scalar()),
                ("sourceSequence", Scalar()),
                ("expectedInsertsPerHour", Scalar()),
                ("safetyMargin", Scalar()),
                ("allocator", Scalar()),
                ("blockSize", Scalar()),
                ("acknowledge", ListOf(Scalar())))))));

    private ConfigSchema(NodeKind kind, IReadOnlyDictionary<string, ConfigSchema>? children, ConfigSchema? item)
    {
        Kind = kind;
        Children = children;
        Item = item;
    }

    public enum NodeKind
    {
        Scalar,
        Map,
        List,

        /// <summary>
        /// A mapping whose keys are data (Oracle owners), each with a value of <see cref="Item"/>'s shape.
        /// </summary>
        Dictionary,
    }

    public NodeKind Kind { get; }

    public IReadOnlyDictionary<string, ConfigSchema>? Children { get; }

    public ConfigSchema? Item { get; }

    /// <summary>The key's canonical spelling, matched case-insensitively as configuration keys are.</summary>
    public bool TryGetChild(string key, out string canonical, out ConfigSchema child)
    {
        foreach (var (name, schema) in Children!)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                canonical = name;
                child = schema;
                return true;
            }
        }
        canonical = key;
        child = null!;
        return false;
    }

    public string? Suggest(string key) => Suggestions.Closest(key, Children!.Keys);

    private static ConfigSchema Scalar() => new(NodeKind.Scalar, null, null);

    private static ConfigSchema ListOf(ConfigSchema item) => new(NodeKind.List, null, item);

    private static ConfigSchema DictionaryOf(ConfigSchema item) => new(NodeKind.Dictionary, null, item);

    private static ConfigSchema Map(params (string Name, ConfigSchema Schema)[] children) =>
        new(NodeKind.Map, children.ToDictionary(c => c.Name, c => c.Schema, StringComparer.Ordinal), null);
}
