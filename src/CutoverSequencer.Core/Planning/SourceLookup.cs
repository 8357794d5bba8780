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
        var (owner, name) = OracleName.Split(text);
        return byName[name].FirstOrDefault(s =>
            owner is null || string.Equals(s.Owner, owner, StringComparison.Ordinal));
    }
}
