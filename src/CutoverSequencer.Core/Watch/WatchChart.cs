using System.Globalization;
using System.Net;
using System.Text;

namespace CutoverSequencer.Core.Watch;

/// <summary>
/// The margin left over time as a small inline SVG line chart: one line per sequence, as a share of the
/// margin the plan gives it (0 to the largest share seen, at least 100%), the threshold dashed.
/// </summary>
public static class WatchChart
{
    private const int Width = 720;
    private const int Height = 260;
    private const int Left = 48;
    private const int Right = 200;
    private const int Top = 16;
    private const int Bottom = 36;

    private static readonly string[] Colours =
        ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];

    public static string Svg(WatchTracker tracker, int maxSeries = 8)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        var rounds = tracker.Rounds;
        var series = tracker.Sequences
            .Select(name => (Name: name, Points: rounds
                .SelectMany(r => r.Sequences.Where(s => s.Sequence == name && s.Share is not null)
                    .Select(s => (r.At, Share: s.Share!.Value)))
                .ToList()))
            .Where(s => s.Points.Count > 0)
            // The sequences closest to running out are the ones to see.
            .OrderBy(s => s.Points[^1].Share)
            .Take(maxSeries)
            .ToList();
        var start = rounds.Count > 0 ? rounds[0].At : DateTimeOffset.UnixEpoch;
        var end = rounds.Count > 0 ? rounds[^1].At : start;
        var span = Math.Max(1e-3, (end - start).TotalSeconds);
        var top = Math.Max(1.0, series.SelectMany(s => s.Points).Select(p => p.Share).DefaultIfEmpty(1).Max());
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double X(DateTimeOffset at) => Left + ((at - start).TotalSeconds / span * plotW);
        double Y(double share) => Top + plotH - (Math.Clamp(share, 0, top) / top * plotH);
        static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" ")
            .Append(CultureInfo.InvariantCulture, $"height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" ")
            .Append("aria-label=\"Margin left over time per sequence\" ")
            .Append("style=\"font: 11px sans-serif; max-width: 100%\">");
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"#fafafa\" stroke=\"#ccc\"/>");
        foreach (var tick in new[] { 0.0, top / 2, top })
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Left}\" x2=\"{Left + plotW}\" y1=\"{N(Y(tick))}\" y2=\"{N(Y(tick))}\" " +
                $"stroke=\"#e3e3e3\"/>" +
                $"<text x=\"{Left - 4}\" y=\"{N(Y(tick) + 4)}\" text-anchor=\"end\">{N(tick * 100)}%</text>");
        }
        var threshold = Y(tracker.Settings.Threshold);
        svg.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{Left}\" x2=\"{Left + plotW}\" y1=\"{N(threshold)}\" y2=\"{N(threshold)}\" stroke=\"#b00\" " +
            $"stroke-dasharray=\"4 3\"/><text x=\"{Left + plotW - 2}\" y=\"{N(threshold - 3)}\" text-anchor=\"end\" " +
            $"fill=\"#b00\">threshold {N(tracker.Settings.Threshold * 100)}%</text>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{Left}\" y=\"{Height - 8}\">{Time(start)}</text>" +
            $"<text x=\"{Left + plotW}\" y=\"{Height - 8}\" text-anchor=\"end\">{Time(end)} UTC</text>" +
            $"<text x=\"{Left + (plotW / 2)}\" y=\"{Height - 8}\" text-anchor=\"middle\">" +
            $"{rounds.Count} round(s)</text>");
        for (var i = 0; i < series.Count; i++)
        {
            var colour = Colours[i % Colours.Length];
            var (name, points) = series[i];
            var path = string.Join(" ", points.Select(p => $"{N(X(p.At))},{N(Y(p.Share))}"));
            svg.Append(CultureInfo.InvariantCulture,
                $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{path}\"/>");
            foreach (var (at, share) in points)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<circle cx=\"{N(X(at))}\" cy=\"{N(Y(share))}\" r=\"2.5\" fill=\"{colour}\"/>");
            }
            var legendY = Top + 10 + (i * 16);
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{Width - Right + 12}\" y=\"{legendY - 8}\" width=\"10\" height=\"10\" fill=\"{colour}\"/>" +
                $"<text x=\"{Width - Right + 26}\" y=\"{legendY + 1}\">{WebUtility.HtmlEncode(Shorten(name))} " +
                $"{N(points[^1].Share * 100)}%</text>");
        }
        if (series.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (plotW / 2)}\" y=\"{Top + (plotH / 2)}\" ")
                .Append("text-anchor=\"middle\">no sequence with a measured margin</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Shorten(string name) => name.Length <= 22 ? name : string.Concat(name.AsSpan(0, 21), "…");
}
