using Serilog.Extensions.Logging;

namespace CutoverSequencer.Cli;

/// <summary>
/// The library projects log through Microsoft.Extensions.Logging; the CLI's Serilog logger is the sink.
/// </summary>
internal static class LoggerBridge
{
    public static Microsoft.Extensions.Logging.ILogger ForLibraries(this Serilog.ILogger log) =>
        new SerilogLoggerFactory(log).CreateLogger("cutover-sequencer");
}
