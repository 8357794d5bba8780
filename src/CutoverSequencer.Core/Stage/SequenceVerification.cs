using System.Numerics;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Stage;

/// <summary>
/// The read-back proof for one sequence: the next value read back, against the highest key (lowest
/// when descending) and the source value. <see cref="NextValue"/> is null when the sequence could not
/// be read back.
/// </summary>
public sealed record SequenceVerification(
    string Sequence,
    BigInteger? NextValue,
    BigInteger? HighestKey,
    BigInteger? SourceLast,
    bool Passed)
{
    /// <summary>The sequence counts down: its next value must be below the keys and the source value.</summary>
    public bool Descending { get; init; }

    /// <summary>Multi-master: how the sequence misses its stride (null: it does not, or no stride).</summary>
    public StrideMiss? Stride { get; init; }

    /// <summary>
    /// The verdict, judged from the values on each call (not held: at many thousand rows it adds up).
    /// </summary>
    public VerificationVerdict Verdict => Verifier.Judge(NextValue, HighestKey, SourceLast, Descending, Stride,
        BlockSize);

    /// <summary>Hilo: keys per sequence value; the keys are checked against the next value's block.</summary>
    public long? BlockSize { get; init; }

    /// <summary>The proof in words (<see cref="Wording.VerificationWording"/>).</summary>
    public string Detail => Wording.VerificationWording.Describe(Verdict);
}
