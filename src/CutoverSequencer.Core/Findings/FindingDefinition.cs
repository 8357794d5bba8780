namespace CutoverSequencer.Core.Findings;

/// <summary>
/// One finding code: its severity, what it means, how to resolve it, and the message templates its
/// findings are rendered from. Templates name their arguments (<c>{next:N0}</c>); a part in square
/// brackets is left out when an argument inside it is null. A null <see cref="Message"/>: the reader
/// that raises the finding states its message.
/// </summary>
public sealed record FindingDefinition(string Code, Severity Severity, string Meaning, string Resolution)
{
    public string? Message { get; init; }

    /// <summary>Alternative templates by name, for findings whose sentence differs with the case.</summary>
    public IReadOnlyDictionary<string, string> Variants { get; init; } = new Dictionary<string, string>();
}
