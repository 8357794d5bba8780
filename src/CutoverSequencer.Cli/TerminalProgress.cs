using System.Globalization;
using CutoverSequencer.Core.Stage;
using Humanizer;

namespace CutoverSequencer.Cli;

/// <summary>
/// One status line on an interactive terminal while keys are read: tables done of total, the share
/// of the estimated size read, and the longest scans under way. Redrawn in place, cleared when done.
/// Not used when standard error is redirected or logs are JSON (log lines carry progress then).
/// </summary>
internal sealed class TerminalProgress(TextWriter terminal) : IProgress<KeyReadProgress>
{
    private readonly object gate = new();
    private bool shown;

    public static IProgress<KeyReadProgress>? For(string logFormat) =>
        logFormat == "text" && !Console.IsErrorRedirected
            && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb")
            ? new TerminalProgress(Console.Error)
            : null;

    public void Report(KeyReadProgress value) => Show(value);

    public void Show(KeyReadProgress progress)
    {
        lock (gate)
        {
            if (progress.Done >= progress.Total)
            {
                if (shown)
                {
                    terminal.Write("\r\u001b[2K");
                    terminal.Flush();
                    shown = false;
                }
                return;
            }
            terminal.Write("\r\u001b[2K" + Line(progress, Math.Max(40, SafeWidth() - 1)));
            terminal.Flush();
            shown = true;
        }
    }

    internal static string Line(KeyReadProgress progress, int width)
    {
        var share = progress.EstimatedBytesTotal > 0
            ? (double)progress.EstimatedBytesDone / progress.EstimatedBytesTotal
            : (double)progress.Done / Math.Max(1, progress.Total);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Key reads: {progress.Done:N0}/{progress.Total:N0} tables, " +
            $"~{share * 100:0}% of {Size(progress.EstimatedBytesTotal)}");
        if (progress.Running.Count > 0)
        {
            line += "; scanning " + string.Join(", ", progress.Running.Take(3).Select(r =>
                string.Create(CultureInfo.InvariantCulture,
                    $"{r.Entry} ({Size(r.EstimatedBytes)}, {r.Elapsed.TotalSeconds:0} s)")));
        }
        return line.Length <= width ? line : line[..(width - 1)] + "…";
    }

    private static string Size(long bytes) => bytes.Bytes().Humanize("0.#", CultureInfo.InvariantCulture);

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 120;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
