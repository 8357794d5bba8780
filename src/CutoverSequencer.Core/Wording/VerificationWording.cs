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

    private static string Subject(VerificationCheck check) => check.Subject switch
    {
        VerificationSubject.Keys => $"every key ({Numbers.Format(check.Value)})",
        _ => $"the source value ({Numbers.Format(check.Value)})",
    };
}
