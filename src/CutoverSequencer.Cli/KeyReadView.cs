using System.Globalization;
using CutoverSequencer.Core.Stage;
using Humanizer;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CutoverSequencer.Cli;

/// <summary>
/// What the live display shows while keys are read: a bar with tables done of total and the share of the
/// estimated size read, the time left at the rate so far, and the scans running now (longest first).
/// Every figure comes from the reader's report; sizes are the relations' sizes in pages.
/// </summary>
internal static class KeyReadView
{
    /// <summary>Rows of the running-scan table; the rest are counted in its caption.</summary>
    public const int MaxScanRows = 5;

    private const int BarWidth = 30;

    public static IRenderable Render(KeyReadProgress progress, TimeSpan elapsed, bool unicode)
    {
        var share = Share(progress);
        var filled = (int)Math.Round(share * BarWidth);
        var bar = unicode
            ? $"[green]{new string('━', filled)}[/][grey]{new string('─', BarWidth - filled)}[/]"
            : $"[green]{new string('#', filled)}[/][grey]{new string('-', BarWidth - filled)}[/]";
        var rows = new List<IRenderable>
        {
            new Markup(bar + " " + Markup.Escape(Headline(progress))),
            new Markup("[grey]" + Markup.Escape(Remaining(progress, elapsed)) + "[/]"),
        };
        if (progress.Running.Count > 0)
        {
            var table = new Table { Border = TableBorder.None }
                .AddColumn(new TableColumn("[grey]Scanning now[/]"))
                .AddColumn(new TableColumn("[grey]Est. size[/]").RightAligned())
                .AddColumn(new TableColumn("[grey]Elapsed[/]").RightAligned());
            foreach (var scan in progress.Running.OrderByDescending(r => r.Elapsed).Take(MaxScanRows))
            {
                table.AddRow(Markup.Escape(scan.Entry), Size(scan.EstimatedBytes), Duration(scan.Elapsed));
            }
            if (progress.Running.Count > MaxScanRows)
            {
                table.Caption(string.Create(CultureInfo.InvariantCulture,
                    $"and {progress.Running.Count - MaxScanRows:N0} more"));
            }
            rows.Add(table);
        }
        return new Rows(rows);
    }

    /// <summary>A phase with nothing to count: a spinner, what is under way and the time elapsed.</summary>
    public static IRenderable Status(string text, TimeSpan elapsed, bool unicode)
    {
        var frames = unicode ? Spinner.Known.Dots.Frames : Spinner.Known.Ascii.Frames;
        var frame = frames[(int)(elapsed.TotalMilliseconds / 250) % frames.Count];
        return new Markup($"[green]{Markup.Escape(frame)}[/] {Markup.Escape(text)} [grey]({Duration(elapsed)})[/]");
    }

    /// <summary>Tables done of total and, when sizes are known, the share of the estimated bytes read.</summary>
    public static string Headline(KeyReadProgress progress)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Key reads: {progress.Done:N0}/{progress.Total:N0} tables");
        return progress.EstimatedBytesTotal > 0
            ? line + string.Create(CultureInfo.InvariantCulture,
                $", ~{Share(progress) * 100:0}% of {Size(progress.EstimatedBytesTotal)}")
            : line;
    }

    /// <summary>
    /// The estimated bytes (else tables) still to read at the rate of those read so far; unknown until one
    /// has finished. A scan under way counts only when it ends, so the estimate firms up as tables finish.
    /// </summary>
    public static string Remaining(KeyReadProgress progress, TimeSpan elapsed)
    {
        var bySize = progress.EstimatedBytesTotal > 0;
        double done = bySize ? progress.EstimatedBytesDone : progress.Done;
        double total = bySize ? progress.EstimatedBytesTotal : progress.Total;
        var taken = $"elapsed {Duration(elapsed)}";
        if (done <= 0 || elapsed < TimeSpan.FromSeconds(1))
        {
            return $"Time left: estimating ({taken}, nothing finished yet)";
        }
        var left = TimeSpan.FromSeconds(elapsed.TotalSeconds * Math.Max(0, total - done) / done);
        var rate = bySize
            ? $"{Size((long)(done / elapsed.TotalSeconds))}/s"
            : string.Create(CultureInfo.InvariantCulture, $"{done / elapsed.TotalSeconds:0.#} tables/s");
        return $"Time left: about {Duration(left)} at {rate} so far ({taken})";
    }

    public static string Size(long bytes) => bytes.Bytes().Humanize("0.#", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span) => span.TotalSeconds switch
    {
        < 1 => "<1 s",
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds:00} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes:00} min"),
    };

    private static double Share(KeyReadProgress progress) => Math.Clamp(progress.EstimatedBytesTotal > 0
        ? (double)progress.EstimatedBytesDone / progress.EstimatedBytesTotal
        : (double)progress.Done / Math.Max(1, progress.Total), 0, 1);
}
