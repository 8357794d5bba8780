using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Core.Reporting;

/// <summary>
/// Where a run's files are: the report directory (null when rendered without one) and each file's path
/// in it; <c>journal</c> and <c>postLoadDefaults</c> are null when the run wrote none.
/// </summary>
public sealed record ReportFiles(
    string? Directory, string Markdown, string Html, string Json, string? Journal, string? PostLoadDefaults)
{
    /// <summary>The files of <paramref name="report"/> in <paramref name="directory"/> (full paths).</summary>
    public static ReportFiles Of(CutoverReport report, string? directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        var full = directory is null ? null : System.IO.Path.GetFullPath(directory);
        string In(string file) => full is null ? file : System.IO.Path.Combine(full, file);
        // The journal exists once apply began writing (it is written before the first setval).
        var journal = full is null
            ? report.Apply is null ? null : In(ApplyJournal.FileName)
            : File.Exists(In(ApplyJournal.FileName)) ? In(ApplyJournal.FileName) : null;
        return new ReportFiles(full, In(ReportWriter.MarkdownFile), In(ReportWriter.HtmlFile),
            In(ReportWriter.JsonFile), journal,
            report.PostLoadDefaults.Count > 0 ? In(ReportWriter.PostLoadDefaultsFile) : null);
    }
}
