namespace CutoverSequencer.Core.Reporting;

/// <summary>What a <c>rollback</c> run did: rollback-report.md, .html and .json.</summary>
public sealed record RollbackReport(
    DateTimeOffset GeneratedAt,
    string JournalPath,
    string Target,
    string ConfigFile,
    bool Forced,
    bool Refused,
    IReadOnlyList<RollbackRow> Rows)
{
    public const string MarkdownFile = "rollback-report.md";
    public const string HtmlFile = "rollback-report.html";
    public const string JsonFile = "rollback-report.json";

    public static readonly string[] Files = [MarkdownFile, HtmlFile, JsonFile];

    /// <summary>
    /// rolled-back (every journaled sequence is at its pre-apply state or was left unchanged) or refused
    /// (nothing written).
    /// </summary>
    public string Status => StatusOf(Refused);

    public static string StatusOf(bool refused) => refused ? "refused" : "rolled-back";

    public int ExitCode => Refused ? ExitCodes.BlockedOrUnverified : ExitCodes.Done;

    public int Restored => Rows.Count(r => r.Action.StartsWith("restored", StringComparison.Ordinal));
}
