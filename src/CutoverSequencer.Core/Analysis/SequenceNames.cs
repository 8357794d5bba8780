using CutoverSequencer.Core.Model;

namespace CutoverSequencer.Core.Analysis;

/// <summary>Which source sequence a name in code refers to.</summary>
public static class SequenceNames
{
    /// <summary>
    /// OWNER.NAME, or NAME in the code owner's schema first, else the one sequence of that name in the
    /// catalog; null when none or several match.
    /// </summary>
    public static SourceSequence? Resolve(
        IReadOnlyList<string> parts, string codeOwner, IReadOnlyList<SourceSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(sequences);
        if (parts.Count == 2)
        {
            return sequences.FirstOrDefault(s => s.Owner == parts[0] && s.Name == parts[1]);
        }
        if (parts.Count != 1)
        {
            return null;
        }
        return sequences.FirstOrDefault(s => s.Owner == codeOwner && s.Name == parts[0])
            ?? (sequences.Count(s => s.Name == parts[0]) == 1 ? sequences.First(s => s.Name == parts[0]) : null);
    }
}
