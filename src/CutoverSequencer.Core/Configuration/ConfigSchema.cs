namespace CutoverSequencer.Core.Configuration;

/// <summary>The shape of the YAML file: which keys exist where, used to reject typos early.</summary>
internal sealed class ConfigSchema
{
    public static readonly ConfigSchema Root = Map(
        ("source", Map(
            ("kind", Scalar()),
            ("exportDirectory", Scalar()),
            ("connectionString", Scalar()),
            ("driverPath", Scalar()),
            ("schemas", ListOf(Scalar())),
            ("schemaMapping", DictionaryOf(Scalar())),
            ("nameFolding", Scalar()))),
        ("target", Map(
            ("connectionString", Scalar()),
            ("schema", Scalar()),
            ("schemas", ListOf(Scalar())),
            ("statementTimeout", Scalar()),
            ("lockTimeout", Scalar()),
            ("writeLockTimeout", Scalar()),
            ("connectRetries", Scalar()),
            ("maxParallelism", Scalar()))),
        ("sequenceAdvancement", Map(
            ("enabled", Scalar()),
            ("safetyMargin", Scalar()),
            ("discover", Scalar()),
            ("catchUpWindow", Scalar()),
            ("rateHeadroom", Scalar()),
            ("interleave", Map(
                ("nodes", Scalar()),
                ("node", Scalar()))),
            ("tables", ListOf(Map(
                ("table", Scalar()),
                ("pkColumn", Scalar()),
                ("sequence", Scalar()),
                ("sourceSequence", Scalar()),
                ("expectedInsertsPerHour", Scalar()),
                ("safetyMargin", Scalar())))))));

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

        /// <summary>A mapping whose keys are data (Oracle owners), each with a value of <see cref="Item"/>'s shape.</summary>
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

internal static class Suggestions
{
    /// <summary>The closest candidate by edit distance, if it is close enough to be a typo.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(input.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        return best is not null && bestDistance <= Math.Max(2, input.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
