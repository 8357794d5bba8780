namespace CutoverSequencer.Core.Findings;

/// <summary>The table of docs/findings.md, rendered from <see cref="FindingCatalog.All"/>.</summary>
public static class FindingsTable
{
    public const string Header = "| Code | Severity | Meaning | Resolution |";

    public static string Render() =>
        Header + "\n|---|---|---|---|\n" + string.Join("\n", FindingCatalog.All.Select(d =>
            $"| `{d.Code}` | {d.Severity.ToString().ToLowerInvariant()} | {Cell(d.Meaning)} | {Cell(d.Resolution)} |"));

    /// <summary>
    /// The document with its table replaced by the catalog's (the table ends at the first blank line).
    /// </summary>
    public static string Update(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var start = document.IndexOf(Header, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new FormatException($"no line \"{Header}\" to replace");
        }
        var end = document.IndexOf("\n\n", start, StringComparison.Ordinal);
        return document[..start] + Render() + (end < 0 ? "\n" : document[end..]);
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
