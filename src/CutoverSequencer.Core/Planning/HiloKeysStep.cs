using System.Numerics;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// The block of keys the next value <see cref="Next"/> opens under a hilo allocator of
/// <see cref="BlockSize"/>: from <see cref="FirstKey"/> to <see cref="LastKey"/> (<see cref="Hilo.FirstKey"/>).
/// </summary>
public sealed record HiloKeysStep(BigInteger Next, long BlockSize, BigInteger FirstKey, BigInteger LastKey)
    : DerivationStep;
