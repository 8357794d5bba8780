using System.Text;

namespace CutoverSequencer.Core.Configuration;

/// <summary>
/// The configuration rules of the source kinds a build knows, in the order messages and documentation list them.
/// </summary>
public class SourceKeyRuleSet
{
    /// <summary>Keys under <c>source</c> whatever the kind, besides those a kind reads.</summary>
    public static readonly IReadOnlyList<string> CommonKeys = ["kind", "nameFolding"];

    public SourceKeyRuleSet(IReadOnlyList<SourceKeyRules> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var kind in kinds)
        {
            if (!names.Add(kind.Name))
            {
                throw new ArgumentException($"source kind {kind.Name} is registered twice", nameof(kinds));
            }
        }
        Rules = kinds;
    }

    public IReadOnlyList<SourceKeyRules> Rules { get; }

    /// <summary>The kind named (case-insensitively), or null.</summary>
    public SourceKeyRules? Find(string name) =>
        Rules.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>"a, b, c or d": every kind's name, for messages.</summary>
    public string NameList(string conjunction = "or") => Join(Rules.Select(k => k.Name), conjunction);

    /// <summary>The kinds that read <paramref name="key"/>, for messages.</summary>
    public string ReadersOf(string key) =>
        Join(Rules.Where(k => k.Reads.Contains(key, StringComparer.Ordinal)).Select(k => k.Name), "or");

    /// <summary>Every key some kind reads, in <paramref name="order"/> first, then as the kinds list them.</summary>
    public IReadOnlyList<string> SourceKeys(IEnumerable<string> order)
    {
        var read = Rules.SelectMany(k => k.Reads.Concat(k.Ignores)).Distinct(StringComparer.Ordinal).ToList();
        return [.. order.Where(read.Contains).Concat(read).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Why <paramref name="key"/> has no effect with <paramref name="kind"/>: the kind's own word, else the
    /// word of a kind that reads it.
    /// </summary>
    public string RefusalHint(SourceKeyRules kind, string key)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.Refusals.GetValueOrDefault(key)
            ?? Rules.Select(k => k.Offers.GetValueOrDefault(key)).FirstOrDefault(h => h is not null)
            ?? $"only kind {ReadersOf(key)} reads it; remove it";
    }

    /// <summary>The documentation's table of the keys each kind refuses.</summary>
    public string RefusedKeysTable(IEnumerable<string> order)
    {
        var keys = SourceKeys(order);
        var text = new StringBuilder("| Kind | Refused keys |\n|---|---|\n");
        foreach (var kind in Rules)
        {
            var refused = keys.Where(key => !kind.Reads.Contains(key, StringComparer.Ordinal)
                && !kind.Ignores.Contains(key, StringComparer.Ordinal)).Select(key => $"`{key}`");
            var list = string.Join(", ", refused);
            text.Append("| `").Append(kind.Name).Append("` | ").Append(list.Length == 0 ? "none" : list)
                .Append(kind.Remark is null ? "" : $" ({kind.Remark})").Append(" |\n");
        }
        return text.ToString();
    }

    private static string Join(IEnumerable<string> items, string conjunction)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} {conjunction} {list[^1]}";
    }
}
