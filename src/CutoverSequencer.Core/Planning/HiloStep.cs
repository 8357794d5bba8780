using System.Numerics;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// A hilo allocator of <see cref="BlockSize"/> keys per sequence value: the highest key
/// <see cref="MaxKey"/> lies in block <see cref="KeyBlock"/> = ⌈MaxKey / BlockSize⌉ (or below it), and the
/// margin of <see cref="Margin"/> keys is <see cref="MarginBlocks"/> = ⌈Margin / BlockSize⌉ sequence values.
/// </summary>
public sealed record HiloStep(long BlockSize, BigInteger? MaxKey, BigInteger? KeyBlock, long Margin, long MarginBlocks)
    : DerivationStep;
