using System.Numerics;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// Multi-master: a sequence read back off its stream. It must step by <see cref="Nodes"/> on
/// <see cref="Residue"/> but has <see cref="Increment"/> and a next value ≡ <see cref="NextResidue"/>.
/// </summary>
public sealed record StrideMiss(int Nodes, int Residue, long Increment, BigInteger NextResidue);
