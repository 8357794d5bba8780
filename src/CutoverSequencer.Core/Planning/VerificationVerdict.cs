using System.Numerics;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// The read-back verdict for one sequence: its next value against each value it must clear, and how it
/// misses its stride. <see cref="NextValue"/> null: the sequence could not be read back.
/// </summary>
public sealed record VerificationVerdict(BigInteger? NextValue, bool Descending,
    IReadOnlyList<VerificationCheck> Checks,
    StrideMiss? Stride)
{
    public bool Passed => NextValue is not null && Stride is null && Checks.All(c => c.Passed);

    /// <summary>
    /// Hilo: keys per sequence value. The keys check is then on the first key of the next value's block
    /// (<see cref="Hilo.FirstKey"/>), the source value check on the next value itself.
    /// </summary>
    public long? BlockSize { get; init; }

    /// <summary>Each value the next value must be beyond (below, descending), and whether it is.</summary>
    public static VerificationVerdict Of(BigInteger? next, BigInteger? highestKey, BigInteger? sourceLast,
        bool descending,
        StrideMiss? stride, long? blockSize = null)
    {
        if (next is not { } n)
        {
            return new VerificationVerdict(null, descending, [], null) { BlockSize = blockSize };
        }
        var checks = new List<VerificationCheck>(2);
        foreach (var (subject, value) in new[] { (VerificationSubject.Keys, highestKey),
            (VerificationSubject.SourceValue, sourceLast) })
        {
            if (value is { } v)
            {
                var compared = subject == VerificationSubject.Keys && blockSize is { } k ? Hilo.FirstKey(n, k) : n;
                checks.Add(new VerificationCheck(subject, v, descending ? compared < v : compared > v));
            }
        }
        return new VerificationVerdict(n, descending, checks, stride) { BlockSize = blockSize };
    }
}
