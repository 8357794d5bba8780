using System.Net;
using System.Text.RegularExpressions;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Tests;

namespace CutoverSequencer.IntegrationTests;

/// <summary>
/// The HTML report in a real headless Chromium: the demo-like verified apply and a blocked plan. The DOM is
/// read after layout (a probe script in a test-only copy measures the cells); a screenshot and a printed PDF
/// of each stay in TestResults/html/ beside the test assembly.
/// </summary>
public sealed class HtmlReportChromiumTests
{
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "TestResults", "html");

    // Lists every cell whose content is wider than the cell, every blocked-finding link whose row is not
    // highlighted, and the ids of the highlighted rows, as attributes of <body> that --dump-dom shows.
    private const string Probe = """
        <script>
        const cells = [...document.querySelectorAll('td, th')].filter(c => c.scrollWidth > c.clientWidth);
        document.body.dataset.overflow = cells.map(c => c.textContent.trim().slice(0, 60)).join(' | ');
        const links = [...document.querySelectorAll('ul.blocking a[href^="#"]')];
        document.body.dataset.unhighlighted = links
          .filter(a => !document.getElementById(a.getAttribute('href').slice(1))?.classList.contains('blocked'))
          .map(a => a.getAttribute('href')).join(' ');
        document.body.dataset.blockedRows = [...document.querySelectorAll('tr.blocked')].map(r => r.id).join(' ');
        document.body.dataset.pageWidth = document.documentElement.scrollWidth > window.innerWidth ? 'wider' : 'fits';
        </script>
        """;

    [ChromiumFact]
    public async Task The_blocked_plan_lists_every_blocking_finding_at_the_top_and_highlights_its_row()
    {
        var report = SampleReports.BlockedPlan();

        var dom = await RenderAsync("blocked-plan", report);

        var blocking = report.Findings.Where(f => f.Severity == Severity.Blocking).ToList();
        Assert.NotEmpty(blocking);
        var list = Regex.Match(dom, "<ul class=\"blocking\">(.*?)</ul>", RegexOptions.Singleline);
        Assert.True(list.Success, "no list of blocking findings");
        Assert.True(dom.IndexOf(list.Value, StringComparison.Ordinal)
            < dom.IndexOf("<h2>Operations brief</h2>", StringComparison.Ordinal), "the list is not at the top");
        var items = Regex.Matches(list.Groups[1].Value, "<li>(.*?)</li>", RegexOptions.Singleline);
        Assert.Equal(blocking.Count, items.Count);
        foreach (var finding in blocking)
        {
            Assert.Contains(items, i => i.Value.Contains($"<code>{finding.Code}</code>", StringComparison.Ordinal)
                && WebUtility.HtmlDecode(i.Value).Contains(finding.Object, StringComparison.Ordinal));
        }
        Assert.Equal("", Attribute(dom, "data-unhighlighted"));
        var blockedRows = Attribute(dom, "data-blocked-rows").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var expected = report.Plan.Sequences.Select((s, i) => (s, i))
            .Where(p => p.s.Action == Core.Planning.PlanAction.Blocked).Select(p => ReportLayout.Anchor(p.i));
        Assert.Equal(expected, blockedRows);
        Assert.Equal("", Attribute(dom, "data-overflow"));
        // Printed, the badge and the blocked row keep their colours: #b42318 and #fde8e6 are filled in the PDF.
        var fills = PdfFillColours(Path.Combine(Artifacts, "blocked-plan.pdf"));
        Assert.Contains(".7059 .1373 .0941", fills);
        Assert.Contains(".9922 .9098 .902", fills);
    }

    [ChromiumFact]
    public async Task The_verified_apply_shows_the_brief_as_a_table_and_nothing_overflows()
    {
        var report = SampleReports.VerifiedSeedRun();

        var dom = await RenderAsync("verified-apply", report);

        Assert.Contains("No blocking findings.", dom, StringComparison.Ordinal);
        Assert.Equal("", Attribute(dom, "data-blocked-rows"));
        Assert.Equal("", Attribute(dom, "data-overflow"));
        Assert.Contains("<th class=\"num\">Source high-water mark</th>", dom, StringComparison.Ordinal);
        foreach (var brief in OperationsBrief.Rows(report))
        {
            Assert.Contains($"<td class=\"id\">{brief.Row.Name}</td>", dom, StringComparison.Ordinal);
        }
        Assert.Contains("class=\"meter", dom, StringComparison.Ordinal);
        Assert.Contains("print-color-adjust: exact", dom, StringComparison.Ordinal);
        Assert.Contains("thead { display: table-header-group; }", dom, StringComparison.Ordinal);
    }

    /// <summary>Writes the report, keeps its screenshot and PDF, and returns the probed copy's DOM.</summary>
    private static Task<string> RenderAsync(string name, CutoverReport report) =>
        RenderAsync(name, HtmlReportRenderer.Render(report));

    private static async Task<string> RenderAsync(string name, string html)
    {
        Directory.CreateDirectory(Artifacts);
        var page = Path.Combine(Artifacts, name + ".html");
        await File.WriteAllTextAsync(page, html);
        var probed = Path.Combine(Artifacts, name + ".probe.html");
        await File.WriteAllTextAsync(probed, html.Replace("</body>", Probe + "\n</body>", StringComparison.Ordinal));

        var screenshot = Path.Combine(Artifacts, name + ".png");
        var pdf = Path.Combine(Artifacts, name + ".pdf");
        File.Delete(screenshot);
        File.Delete(pdf);
        await Chromium.RunAsync(page, $"--screenshot={screenshot}", "--window-size=1200,1600");
        await Chromium.RunAsync(page, $"--print-to-pdf={pdf}", "--no-pdf-header-footer");
        Assert.True(new FileInfo(screenshot) is { Exists: true, Length: > 0 }, $"no screenshot at {screenshot}");
        Assert.True(new FileInfo(pdf) is { Exists: true, Length: > 0 }, $"no PDF at {pdf}");

        var dom = await Chromium.RunAsync(probed, "--dump-dom", "--window-size=1200,1600");
        Assert.Contains("data-overflow=", dom, StringComparison.Ordinal);
        return dom;
    }

    [ChromiumFact]
    public async Task The_watch_report_draws_its_margin_chart_and_fits_the_page()
    {
        var dom = await RenderAsync("watch", Core.Watch.WatchReportWriter.Html(SampleWatch.Report()));

        // Laid out by the browser: the chart's two measured sequences, the threshold, the escaped name.
        Assert.Equal(2, Regex.Matches(dom, "<polyline ").Count);
        Assert.Contains("threshold 25%", dom, StringComparison.Ordinal);
        Assert.Contains("public.orders_&lt;id&gt;_seq", dom, StringComparison.Ordinal);
        Assert.Equal("", Attribute(dom, "data-overflow"));
        Assert.Equal("fits", Attribute(dom, "data-page-width"));
    }

    /// <summary>The RGB fill colours the PDF's content streams set (Chromium writes them Flate-compressed).</summary>
    private static HashSet<string> PdfFillColours(string pdf)
    {
        var bytes = File.ReadAllBytes(pdf);
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        var colours = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match stream in Regex.Matches(text, "stream\r?\n(.*?)\r?\nendstream", RegexOptions.Singleline))
        {
            var data = System.Text.Encoding.Latin1.GetBytes(stream.Groups[1].Value);
            string content;
            try
            {
                using var input = new System.IO.Compression.ZLibStream(new MemoryStream(data),
                    System.IO.Compression.CompressionMode.Decompress);
                using var reader = new StreamReader(input, System.Text.Encoding.Latin1);
                content = reader.ReadToEnd();
            }
            catch (InvalidDataException)
            {
                continue;
            }
            foreach (Match fill in Regex.Matches(content, "([\\d.]+ [\\d.]+ [\\d.]+) (?:rg|sc|scn)\\b"))
            {
                colours.Add(fill.Groups[1].Value);
            }
        }
        return colours;
    }

    private static string Attribute(string dom, string name)
    {
        var match = Regex.Match(dom, $"<body[^>]*\\s{name}=\"([^\"]*)\"");
        Assert.True(match.Success, $"<body> has no {name}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
