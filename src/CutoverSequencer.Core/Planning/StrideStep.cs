using System.Numerics;
using CutoverSequencer.Core.Configuration;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// Multi-master: the smallest value on the node's residue above <see cref="Reference"/> + margin (from
/// MINVALUE when there is no reference) and, when <see cref="AboveCurrent"/>, at or above the current
/// next value. <see cref="Unchanged"/>: the sequence already steps on its stream past that value.
/// </summary>
public sealed record StrideStep(Interleave Stride, BigInteger? Reference, long Margin, long MinValue,
    BigInteger Current,
    BigInteger Next, bool AboveCurrent, bool Unchanged) : DerivationStep;
