using CutoverSequencer.Core.Stage;
using Spectre.Console;

namespace CutoverSequencer.Cli;

/// <summary>
/// The live key-read display on an interactive terminal (Spectre.Console, on stderr: stdout carries the
/// run summary that scripts parse). It appears when a read reports work left, is redrawn 4 times a second,
/// and is cleared when the reader reports every table read, when reports stop (a read that failed or was
/// interrupted) or when the run disposes it. Log lines written meanwhile go above it (see
/// <see cref="TerminalLogSink"/>).
/// </summary>
internal sealed class TerminalProgress : IProgress<KeyReadProgress>, IAsyncDisposable
{
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(250);

    // The reader reports every 250 ms while it reads; this long without a report, it has stopped.
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(2);

    private static TerminalProgress? live;

    private readonly object gate = new();
    private readonly IAnsiConsole console;
    private KeyReadProgress? latest;
    private DateTime startedUtc;
    private DateTime reportedUtc;
    private Task? display;
    private bool finish;

    public TerminalProgress(IAnsiConsole console) => this.console = console;

    /// <summary>The display being drawn now, if any: log lines are written through it.</summary>
    public static TerminalProgress? Live => Volatile.Read(ref live);

    /// <summary>
    /// The one place that decides: a live display only when stderr is an interactive terminal (TERM set and
    /// not dumb, CI not "true"), logs are text and --no-progress is not given; otherwise null, and the
    /// reader writes a log line every few seconds instead.
    /// </summary>
    public static TerminalProgress? For(string logFormat, bool noProgress) =>
        Wanted(logFormat, noProgress, Console.IsErrorRedirected, Environment.GetEnvironmentVariable("TERM"),
            Environment.GetEnvironmentVariable("CI"))
            ? new TerminalProgress(AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(Console.Error),
            }))
            : null;

    internal static bool Wanted(string logFormat, bool noProgress, bool errorRedirected, string? term, string? ci) =>
        logFormat == "text" && !noProgress && !errorRedirected && term is not (null or "" or "dumb")
        && !string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Called from the reader's timer thread.</summary>
    public void Report(KeyReadProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Task? ending = null;
        lock (gate)
        {
            var now = DateTime.UtcNow;
            latest = value;
            reportedUtc = now;
            if (value.Done >= value.Total)
            {
                finish = true;
                ending = display;
            }
            else if (display is null)
            {
                // The reader's first report comes one sampling interval after its reads began.
                startedUtc = now - Redraw;
                finish = false;
                display = Task.Run(DrawAsync);
            }
        }
        // Cleared before the caller goes on, so nothing it writes next lands under the display.
        ending?.Wait(TimeSpan.FromSeconds(5));
    }

    /// <summary>A log line, written above the display while it is drawn.</summary>
    public void WriteAbove(string text) => console.Write(new Text(text));

    public async ValueTask DisposeAsync()
    {
        Task? ending;
        lock (gate)
        {
            finish = true;
            ending = display;
        }
        if (ending is not null)
        {
            await ending.ConfigureAwait(false);
        }
    }

    private async Task DrawAsync()
    {
        var unicode = console.Profile.Capabilities.Unicode;
        var display = new LiveDisplay(console, View(unicode))
        {
            AutoClear = true,
            Overflow = VerticalOverflow.Ellipsis,
            Cropping = VerticalOverflowCropping.Bottom,
        };
        Volatile.Write(ref live, this);
        try
        {
            await display.StartAsync(async context =>
            {
                while (true)
                {
                    lock (gate)
                    {
                        if (finish || DateTime.UtcNow - reportedUtc > Stale)
                        {
                            return;
                        }
                    }
                    context.UpdateTarget(View(unicode));
                    context.Refresh();
                    await Task.Delay(Redraw).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref live, null);
            lock (gate)
            {
                this.display = null;
            }
        }
    }

    private Spectre.Console.Rendering.IRenderable View(bool unicode)
    {
        lock (gate)
        {
            return KeyReadView.Render(latest!, DateTime.UtcNow - startedUtc, unicode);
        }
    }
}
