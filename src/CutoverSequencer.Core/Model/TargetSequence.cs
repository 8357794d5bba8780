using System.Numerics;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Model;

/// <summary>A PostgreSQL sequence's definition and current position, read without consuming a value.</summary>
public sealed record TargetSequence(
    QualifiedName Name,
    string DataType,
    long StartValue,
    long Increment,
    long MinValue,
    long MaxValue,
    long CacheSize,
    bool Cycle,
    long LastValue,
    bool IsCalled)
{
    /// <summary>has_sequence_privilege(..., 'UPDATE') for the connecting user: setval needs it.</summary>
    public bool CanUpdate { get; init; } = true;

    /// <summary>The sequence's pg_class OID in the target (0 when not known).</summary>
    public uint Oid { get; init; }

    public bool Descending => Increment < 0;

    /// <summary>What the next nextval returns: last_value + increment once called, else last_value.</summary>
    public BigInteger NextValue => Sequences.SequenceMath.NextValue(LastValue, IsCalled, Increment);
}
