using CutoverSequencer.Core.Stage;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CutoverSequencer.Cli;

/// <summary>
/// The live display on an interactive terminal (Spectre.Console, on stderr: stdout carries the run summary
/// that scripts parse). While keys are read it shows <see cref="KeyReadView"/>, redrawn 4 times a second,
/// cleared when the reader reports every table read, when its reports stop (a read that failed or was
/// interrupted) or when the run disposes it; while the source is read (one call, nothing to count) a spinner
/// with the time elapsed. Log lines written meanwhile go above it (see <see cref="TerminalLogSink"/>).
/// </summary>
internal sealed class TerminalProgress : IProgress<KeyReadProgress>, IAsyncDisposable
{
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(250);

    // The reader reports every 250 ms while it reads; this long without a report, it has stopped.
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(2);

    // One terminal per process: the log sink finds the display being drawn on it here.
    private static TerminalProgress? live;

    private readonly object gate = new();
    private readonly IAnsiConsole console;
    private KeyReadProgress? keys;
    private DateTime keysStartedUtc;
    private DateTime reportedUtc;
    private string? status;
    private IRenderable? shown;
    private DateTime statusStartedUtc;
    private Task? display;
    private bool broken;

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
        Task? ending;
        lock (gate)
        {
            var now = DateTime.UtcNow;
            if (value.Done < value.Total)
            {
                if (keys is null)
                {
                    // The reader's first report comes one sampling interval after its reads began.
                    keysStartedUtc = now - Redraw;
                }
                keys = value;
                reportedUtc = now;
                if (!broken)
                {
                    display ??= Task.Run(DrawAsync);
                }
                return;
            }
            keys = null;
            ending = status is null && shown is null ? display : null;
        }
        // Cleared before the caller goes on, so nothing it writes next lands under the display.
        ending?.Wait(TimeSpan.FromSeconds(5));
    }

    /// <summary>A spinner with the time elapsed until the returned handle is disposed.</summary>
    public IAsyncDisposable Status(string text)
    {
        lock (gate)
        {
            status = text;
            statusStartedUtc = DateTime.UtcNow;
            if (!broken)
            {
                display ??= Task.Run(DrawAsync);
            }
        }
        return new StatusEnd(this);
    }

    /// <summary>
    /// Keeps <paramref name="renderable"/> on the display (watch: the table of the latest round) whenever no key
    /// read or spinner is drawn, until replaced or the display is disposed; null takes it away.
    /// </summary>
    public void Show(IRenderable? renderable)
    {
        lock (gate)
        {
            shown = renderable;
            if (!broken && renderable is not null)
            {
                display ??= Task.Run(DrawAsync);
            }
        }
    }

    /// <summary>A log line, written above the display while it is drawn.</summary>
    public void WriteAbove(string text) => console.Write(new Text(text));

    public async ValueTask DisposeAsync()
    {
        Task? ending;
        lock (gate)
        {
            keys = null;
            status = null;
            shown = null;
            ending = display;
        }
        if (ending is not null)
        {
            await ending.ConfigureAwait(false);
        }
    }

    private async Task EndStatusAsync()
    {
        Task? ending;
        lock (gate)
        {
            status = null;
            ending = keys is null && shown is null ? display : null;
        }
        if (ending is not null)
        {
            await ending.ConfigureAwait(false);
        }
    }

    private bool Showing()
    {
        if (keys is not null && DateTime.UtcNow - reportedUtc > Stale)
        {
            keys = null;
        }
        return keys is not null || status is not null || shown is not null;
    }

    private async Task DrawAsync()
    {
        var unicode = console.Profile.Capabilities.Unicode;
        var view = new LiveDisplay(console, View(unicode))
        {
            AutoClear = true,
            Overflow = VerticalOverflow.Ellipsis,
            Cropping = VerticalOverflowCropping.Bottom,
        };
        Volatile.Write(ref live, this);
        try
        {
            await view.StartAsync(async context =>
            {
                while (true)
                {
                    lock (gate)
                    {
                        if (!Showing())
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
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // A terminal gone (hang-up) or taken by another live display: the run goes on without one.
            broken = true;
        }
        finally
        {
            Volatile.Write(ref live, null);
            lock (gate)
            {
                // Something asked to be shown while this display was ending: draw it afresh.
                display = !broken && Showing() ? Task.Run(DrawAsync) : null;
            }
        }
    }

    private IRenderable View(bool unicode)
    {
        lock (gate)
        {
            var now = DateTime.UtcNow;
            if (keys is not null)
            {
                return KeyReadView.Render(keys, now - keysStartedUtc, unicode);
            }
            return status is not null ? KeyReadView.Status(status, now - statusStartedUtc, unicode)
                : shown ?? Text.Empty;
        }
    }

    private sealed class StatusEnd(TerminalProgress owner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(owner.EndStatusAsync());
    }
}
