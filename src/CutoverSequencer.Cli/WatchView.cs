using System.Globalization;
using CutoverSequencer.Core.Watch;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CutoverSequencer.Cli;

/// <summary>The watch's live table: the latest round, lowest margins first.</summary>
internal static class WatchView
{
    private const int Rows = 25;

    public static IRenderable Render(WatchRound round, WatchReport report, TimeSpan interval)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("Sequence").NoWrap()).AddColumn("State")
            .AddColumn(new TableColumn("Next value").RightAligned())
            .AddColumn(new TableColumn("max(source, keys)").RightAligned())
            .AddColumn(new TableColumn("Margin left").RightAligned())
            .AddColumn(new TableColumn("Share").RightAligned())
            .AddColumn(new TableColumn("Rate /s").RightAligned())
            .AddColumn(new TableColumn("Runs out").NoWrap());
        var rows = round.Sequences.OrderBy(s => s.Share ?? double.MaxValue).ToList();
        foreach (var s in rows.Take(Rows))
        {
            var state = WatchReportWriter.State(s.State);
            var colour = s.State switch
            {
                WatchState.Ok => "green",
                WatchState.Low => "yellow",
                WatchState.Exhausted => "red",
                _ => "grey",
            };
            table.AddRow(
                Markup.Escape(s.Sequence), $"[{colour}]{Markup.Escape(state)}[/]",
                WatchReportWriter.Number(s.Next), WatchReportWriter.Number(s.Reference),
                WatchReportWriter.Number(s.MarginLeft),
                s.Share is { } share ? WatchReportWriter.Percent(share) : "",
                s.Rate is null ? "" : WatchReportWriter.Rate(s.Rate),
                Markup.Escape(WatchReportWriter.RunsOut(s)));
        }
        var untilText = report.Until is { } until
            ? ", until " + until.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)
            : "";
        var header = "Watch round " + round.Number.ToString(CultureInfo.InvariantCulture) + " at " +
            round.At.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) + ", every " +
            WatchTime.Format(interval) + untilText + "; " +
            round.UnderThreshold.Count().ToString(CultureInfo.InvariantCulture) + " of " +
            round.Sequences.Count.ToString(CultureInfo.InvariantCulture) + " under " +
            WatchReportWriter.Percent(report.Tracker.Settings.Threshold) +
            (rows.Count > Rows ? $" (lowest {Rows} shown)" : "");
        return new Rows(new Text(header), table);
    }
}
