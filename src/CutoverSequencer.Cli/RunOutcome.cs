using System.Reflection;
using System.Text.Json.Serialization;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Cli;

/// <summary>
/// How a command ended, for the <c>result</c> event that closes a run's JSON log: the command fills in
/// its status and the files it wrote; without them the status comes from the exit code.
/// </summary>
public sealed class RunOutcome
{
    private readonly Dictionary<string, string?> reports = new(StringComparer.Ordinal);

    public string? Command { get; set; }

    /// <summary>The report's status (cutover-report.json, rollback-report.json); null: none was written.</summary>
    public string? Status { get; set; }

    /// <summary>Each file the run wrote, by role (markdown, html, json, journal, ...); empty: none.</summary>
    public IReadOnlyDictionary<string, string?> Reports => reports;

    public void Record(CutoverReport report, ReportFiles files)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(files);
        Status = JsonStatus(report.Status);
        reports["directory"] = files.Directory;
        reports["markdown"] = files.Markdown;
        reports["html"] = files.Html;
        reports["json"] = files.Json;
        reports["journal"] = files.Journal;
        reports["postLoadDefaults"] = files.PostLoadDefaults;
    }

    public void Record(string status, string directory, IEnumerable<(string Role, string File)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        Status = status;
        var full = Path.GetFullPath(directory);
        reports["directory"] = full;
        foreach (var (role, file) in files)
        {
            reports[role] = Path.Combine(full, file);
        }
    }

    /// <summary>The status of a run that wrote no report, from its exit code.</summary>
    public static string StatusOf(int exitCode) => exitCode switch
    {
        ExitCodes.Done => "done",
        ExitCodes.BlockedOrUnverified => "interrupted",
        ExitCodes.InvalidInput => "invalid-input",
        ExitCodes.CannotConnect => "cannot-connect",
        ExitCodes.ApplyFailedPartway => "apply-failed",
        _ => "internal-error",
    };

    /// <summary>The status as cutover-report.json writes it (the enum's JSON name: one spelling).</summary>
    internal static string JsonStatus(ReportStatus status) =>
        typeof(ReportStatus).GetField(status.ToString())!
            .GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name;
}
