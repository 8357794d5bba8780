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

    /// <summary>Each value the next value must be beyond (below, descending), and whether it is.</summary>
    public static VerificationVerdict Of(BigInteger? next, BigInteger? highestKey, BigInteger? sourceLast,
        bool descending,
        StrideMiss? stride)
    {
        if (next is not { } n)
        {
            return new VerificationVerdict(null, descending, [], null);
        }
        var checks = new List<VerificationCheck>(2);
        foreach (var (subject, value) in new[] { (VerificationSubject.Keys, highestKey),
            (VerificationSubject.SourceValue, sourceLast) })
        {
            if (value is { } v)
            {
                checks.Add(new VerificationCheck(subject, v, descending ? n < v : n > v));
            }
        }
        return new VerificationVerdict(n, descending, checks, stride);
    }
}
