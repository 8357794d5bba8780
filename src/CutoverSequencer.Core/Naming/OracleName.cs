namespace CutoverSequencer.Core.Naming;

/// <summary>
/// Oracle's rule for a name as written in SQL or configuration: unquoted folds to upper case (as Oracle
/// stores it), "quoted" is exact.
/// </summary>
public static class OracleName
{
    /// <summary>One identifier as Oracle stores it; surrounding blanks are ignored.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        return text.Length > 1 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text.ToUpperInvariant();
    }

    /// <summary><c>OWNER.NAME</c> or <c>NAME</c>, each part folded; the owner is null when not given.</summary>
    public static (string? Owner, string Name) Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (null, Fold(text)) : (Fold(text[..dot]), Fold(text[(dot + 1)..]));
    }
}
