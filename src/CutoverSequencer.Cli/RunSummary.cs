using System.Text;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Core.Wording;

namespace CutoverSequencer.Cli;

/// <summary>The console summary of a stage run: status, one line per sequence, the findings that matter.</summary>
internal static class RunSummary
{
    public static async Task WriteAsync(CutoverReport report, string directory, TextWriter output)
    {
        // Composed in blocks of about 64 kB, each written at once: the console flushes every write, which
        // at thousands of rows is slow, and one string of every row would be megabytes at the run's end.
        var text = new StringBuilder();
        async Task Line(string line, bool force = false)
        {
            text.Append(line).Append(output.NewLine);
            if (force || text.Length >= 1 << 15)
            {
                await output.WriteAsync(text).ConfigureAwait(false);
                text.Clear();
            }
        }
        await Line($"Status: {MarkdownReportRenderer.StatusText(report.Status)} (exit code {report.ExitCode})")
            .ConfigureAwait(false);
        foreach (var row in report.Plan.Sequences)
        {
            var action = row.Action switch
            {
                PlanAction.Advance => report.WasSet(row) ? "advanced " : "advance  ",
                PlanAction.Unchanged => "unchanged",
                _ => "BLOCKED  ",
            };
            // A blocked row has no values to state: whatever the arithmetic left in it is never applied.
            var values = row.Action != PlanAction.Blocked && row.NextValue is { } next
                ? $"setval {Numbers.Format(row.NewValue!.Value)}, " +
                    $"next value {Numbers.Format(next)}"
                : "";
            await Line($"  {action}  {row.Name,-40} {values}").ConfigureAwait(false);
        }
        // The same count as the log's and the report's: every finding, info included.
        int Count(Severity severity) => report.Findings.Count(f => f.Severity == severity);
        await Line($"Findings: {report.Findings.Count} ({Count(Severity.Blocking)} blocking, " +
            $"{Count(Severity.Warning)} warning, {Count(Severity.Info)} info; info findings are in the report)")
            .ConfigureAwait(false);
        foreach (var finding in report.Findings.Where(f => f.Severity != Severity.Info))
        {
            await Line($"  {finding.Severity.ToString().ToUpperInvariant(),-8} {finding.Code}: {finding.Message}")
                .ConfigureAwait(false);
        }
        await Line($"Reports: {Path.Combine(directory, ReportWriter.MarkdownFile)} (also .html, .json)", force: true)
            .ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }
}
