using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Planning;

/// <summary>Source sequences indexed once by the name they take in the target, and by Oracle name.</summary>
internal sealed class SourceLookup(SourceCatalog source, NameMapping names)
{
    private readonly ILookup<string, SourceSequence> byTarget =
        source.Sequences.ToLookup(s => names.Name(s.Name), StringComparer.Ordinal);

    private readonly ILookup<string, SourceSequence> byName =
        source.Sequences.ToLookup(s => s.Name, StringComparer.Ordinal);

    public NameMapping Names => names;

    public IReadOnlyList<SourceSequence> ByTargetName(string name) => [.. byTarget[name]];

    public SourceSequence? Explicit(string text)
    {
        var (owner, name) = SplitOracleName(text);
        return byName[name].FirstOrDefault(s =>
            owner is null || string.Equals(s.Owner, owner, StringComparison.Ordinal));
    }

    /// <summary>Oracle name rules: unquoted folds to upper case, "quoted" is exact.</summary>
    internal static (string? Owner, string Name) SplitOracleName(string text)
    {
        static string Fold(string part) =>
            part.Length > 1 && part[0] == '"' && part[^1] == '"' ? part[1..^1] : part.ToUpperInvariant();
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (null, Fold(text.Trim())) : (Fold(text[..dot].Trim()), Fold(text[(dot + 1)..].Trim()));
    }
}
