namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>What the flow knows at one point: the values variables may hold, local names and local functions.</summary>
public sealed class PlSqlScope
{
    private const int MaxOriginsPerVariable = 8;

    private readonly Dictionary<string, IReadOnlyList<PlSqlOrigin>> values;
    private readonly HashSet<string> locals;
    private readonly Dictionary<string, IReadOnlyList<PlSqlOrigin>> functions;

    public PlSqlScope()
        : this(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal))
    {
    }

    private PlSqlScope(
        Dictionary<string, IReadOnlyList<PlSqlOrigin>> values,
        HashSet<string> locals,
        Dictionary<string, IReadOnlyList<PlSqlOrigin>> functions)
    {
        this.values = values;
        this.locals = locals;
        this.functions = functions;
    }

    public PlSqlScope Clone() => new(new(values, StringComparer.Ordinal), new(locals, StringComparer.Ordinal),
        new(functions, StringComparer.Ordinal));

    /// <summary>The values a variable path (<c>V_ID</c>, <c>V_REC.ID</c>) may hold, or null if untracked.</summary>
    public IReadOnlyList<PlSqlOrigin>? Value(string path) => values.GetValueOrDefault(path);

    public void Set(string path, IReadOnlyList<PlSqlOrigin> origins) => values[path] = origins;

    public void Declare(string name) => locals.Add(name);

    public bool IsLocal(string name) => locals.Contains(name) || values.ContainsKey(name);

    public IReadOnlyList<PlSqlOrigin>? Function(string name) => functions.GetValueOrDefault(name);

    public void DeclareFunction(string name, IReadOnlyList<PlSqlOrigin> results)
    {
        locals.Add(name);
        functions[name] = results;
    }

    /// <summary>The scope after one of several paths ran: every value any path may have left.</summary>
    public static PlSqlScope Merge(PlSqlScope before, IReadOnlyList<PlSqlScope> paths)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(paths);
        var merged = before.Clone();
        var keys = paths.SelectMany(p => p.values.Keys).Distinct(StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            var union = new List<PlSqlOrigin>();
            foreach (var path in paths)
            {
                foreach (var origin in path.values.GetValueOrDefault(key) ?? [])
                {
                    if (!union.Contains(origin) && union.Count < MaxOriginsPerVariable)
                    {
                        union.Add(origin);
                    }
                }
            }
            merged.values[key] = union;
        }
        return merged;
    }
}
