using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Wording;

/// <summary>A read-back verdict in words, for every report, the console and the VERIFICATION_FAILED finding.</summary>
public static class VerificationWording
{
    public static string Describe(VerificationVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.NextValue is not { } next)
        {
            return "not verified: the sequence could not be resolved in the target";
        }
        if (verdict.BlockSize is { } blockSize)
        {
            return Hilo(verdict, next, blockSize);
        }
        var clears = verdict.Checks.Where(c => c.Passed).Select(Subject).ToList();
        var fails = verdict.Checks.Where(c => !c.Passed).Select(Subject).ToList();
        var verb = verdict.Descending ? "below" : "above";
        var stride = verdict.Stride is { } miss
            ? $"; it must step by {miss.Nodes} on residue {miss.Residue} but has increment {miss.Increment} " +
                $"and next value ≡ {miss.NextResidue}"
            : null;
        return verdict.Passed
            ? clears.Count == 0
                ? $"next value {Numbers.Format(next)}; no keys and no source value to clear"
                : $"next value {Numbers.Format(next)} is {verb} {string.Join(" and ", clears)}"
            : fails.Count > 0
                ? $"next value {Numbers.Format(next)} is not {verb} {string.Join(" and ", fails)}{stride}"
                : $"next value {Numbers.Format(next)}{stride}";
    }

    /// <summary>Hilo: the source value against the next value, the keys against the first key of its block.</summary>
    private static string Hilo(VerificationVerdict verdict, System.Numerics.BigInteger next, long blockSize)
    {
        var verb = verdict.Descending ? "below" : "above";
        var parts = new List<string>(2);
        foreach (var check in verdict.Checks)
        {
            var not = check.Passed ? "" : "not ";
            parts.Add(check.Subject == VerificationSubject.Keys
                ? $"the first key of its block ({blockSize} keys per value), " +
                    $"{Numbers.Format(Planning.Hilo.FirstKey(next, blockSize))}, is {not}{verb} {Subject(check)}"
                : $"it is {not}{verb} {Subject(check)}");
        }
        return parts.Count == 0
            ? $"next value {Numbers.Format(next)} (hilo); no keys and no source value to clear"
            : $"next value {Numbers.Format(next)} (hilo): {string.Join("; ", parts)}";
    }

    private static string Subject(VerificationCheck check) => check.Subject switch
    {
        VerificationSubject.Keys => $"every key ({Numbers.Format(check.Value)})",
        _ => $"the source value ({Numbers.Format(check.Value)})",
    };
}
