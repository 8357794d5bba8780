using System.Net;
using Markdig;

namespace CutoverSequencer.Core.Reporting;

/// <summary>
/// cutover-report.html: the Markdown rendering turned into one self-contained, printable page
/// (inline CSS, no scripts, no external resources). Raw HTML in names is escaped, never passed on.
/// </summary>
public static class HtmlReportRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .DisableHtml()
        .Build();

    public static string Render(CutoverReport report, string markdown)
    {
        ArgumentNullException.ThrowIfNull(report);
        var body = Markdown.ToHtml(markdown, Pipeline);
        var status = MarkdownReportRenderer.StatusText(report.Status);
        var css = report.Status switch
        {
            ReportStatus.Planned or ReportStatus.Verified => "ok",
            ReportStatus.Blocked or ReportStatus.VerificationFailed or ReportStatus.ApplyFailed => "bad",
            _ => "warn",
        };
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Cutover sequence report: {{WebUtility.HtmlEncode(status)}}</title>
            <style>
            :root { --ok: #1a7f37; --bad: #b42318; --warn: #9a6700; --line: #d0d7de; --muted: #57606a; }
            body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; margin: 2rem auto; max-width: 1200px; padding: 0 1.5rem; }
            h1 { font-size: 1.6rem; border-bottom: 2px solid var(--line); padding-bottom: .4rem; }
            h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
            table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
            th, td { border: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; }
            th { background: #f6f8fa; text-align: left; }
            tr:nth-child(even) td { background: #fbfcfd; }
            code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa; padding: 0 .2rem; border-radius: 3px; }
            .status { display: inline-block; padding: .3rem .8rem; border-radius: 4px; color: #fff; font-weight: 600; letter-spacing: .02em; }
            .status.ok { background: var(--ok); } .status.bad { background: var(--bad); } .status.warn { background: var(--warn); }
            footer { color: var(--muted); margin-top: 2rem; font-size: 12px; }
            @media print {
              body { margin: 0; max-width: none; font-size: 10pt; }
              h2 { break-after: avoid; } tr, li { break-inside: avoid; }
              .status { border: 1px solid #000; color: #000; background: none !important; }
              th, td { padding: 2pt 4pt; }
            }
            </style>
            </head>
            <body>
            <p><span class="status {{css}}">{{WebUtility.HtmlEncode(status.ToUpperInvariant())}}</span></p>
            {{body}}
            <footer>cutover-sequencer · {{WebUtility.HtmlEncode(report.Command)}} · {{Generated(report)}} UTC</footer>
            </body>
            </html>

            """;
    }

    private static string Generated(CutoverReport report) =>
        report.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
