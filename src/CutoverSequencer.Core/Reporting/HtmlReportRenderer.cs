using System.Globalization;
using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Core.Reporting;

/// <summary>cutover-report.html: the same layout as the Markdown, one self-contained printable page.</summary>
public static class HtmlReportRenderer
{
    public static string Render(CutoverReport report) => ReportWriter.ToText(w => Write(report, w));

    public static void Write(CutoverReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        var status = ReportLayout.StatusText(report.Status);
        var badge = report.Status switch
        {
            ReportStatus.Planned or ReportStatus.Verified => "ok",
            _ => "bad",
        };
        var generated = report.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss",
            CultureInfo.InvariantCulture);
        HtmlWriter.Write(ReportLayout.Blocks(report, glance: true), output, $"Cutover sequence report: {status}",
            status.ToUpperInvariant(), badge,
            $"cutover-sequencer · {report.Command} · {generated} UTC");
    }
}
