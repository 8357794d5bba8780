using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Core.Reporting;

/// <summary>cutover-report.md: what reviewers read.</summary>
public static class MarkdownReportRenderer
{
    public static string Render(CutoverReport report) => ReportWriter.ToText(w => Write(report, w));

    public static void Write(CutoverReport report, TextWriter output)
        => MarkdownWriter.Write(ReportLayout.Blocks(report), output);

    public static string StatusText(ReportStatus status) => ReportLayout.StatusText(status);
}
