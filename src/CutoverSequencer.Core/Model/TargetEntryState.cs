using System.Numerics;
using CutoverSequencer.Core.Configuration;

namespace CutoverSequencer.Core.Model;

/// <summary>What the target says about one configured entry.</summary>
public sealed record TargetEntryState(
    TableEntry Entry,
    TargetColumn? Column,
    TargetSequence? Sequence,
    BigInteger? KeyExtreme,
    IReadOnlyList<TargetProblem> Problems)
{
    public bool IsResolved => Problems.Count == 0 && Sequence is not null;

    /// <summary>pg_class.relpages: the table's size in 8 kB pages at the last ANALYZE or VACUUM.</summary>
    public long? Pages { get; init; }

    /// <summary>An index starts with the key column, so MAX/MIN reads one index edge instead of the table.</summary>
    public bool KeyIndexed { get; init; } = true;

    /// <summary>How long reading the key extreme took.</summary>
    public TimeSpan? ScanTime { get; init; }

    /// <summary>
    /// Why the key extreme could not be read as a whole number (NaN/Infinity, non-numeric text, a
    /// statement timeout); <see cref="KeyExtreme"/> is then null and the planner blocks the sequence.
    /// </summary>
    public TargetProblem? KeyFailure { get; init; }
}
