using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace CutoverSequencer.Cli;

/// <summary>
/// Text log lines on the terminal. While the live key-read display is drawn, a line is handed to it and
/// written above the live region (Spectre redraws the region below it), rather than written straight to
/// stderr where the next redraw would overwrite it; otherwise the console sink writes it as usual.
/// </summary>
internal sealed class TerminalLogSink(ILogEventSink console, ITextFormatter plain) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        if (TerminalProgress.Live is { } display)
        {
            using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            plain.Format(logEvent, text);
            display.WriteAbove(text.ToString());
            return;
        }
        console.Emit(logEvent);
    }
}
