using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace CutoverSequencer.Cli;

/// <summary>
/// <c>--log-format json</c>: each event as one JSON object on one line of the error writer (stderr),
/// in Serilog's JSON shape (Timestamp, Level, MessageTemplate, RenderedMessage, Properties, Exception).
/// </summary>
internal sealed class JsonLineSink(TextWriter writer) : ILogEventSink
{
    private readonly JsonFormatter formatter = new(renderMessage: true);
    private readonly object gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
