using CutoverSequencer.Core.Stage;
using Serilog;

namespace CutoverSequencer.Cli;

/// <summary>One entry point per command; each returns the process exit code.</summary>
public static class Commands
{
    public static Task<int> PlanAsync(StageRequest request, TextWriter output, ILogger log, CancellationToken token) =>
        StageRunner.RunAsync(request with { Command = StageCommand.Plan }, output, log, token);

    public static Task<int> ApplyAsync(StageRequest request, TextWriter output, ILogger log, CancellationToken token) =>
        StageRunner.RunAsync(request with { Command = StageCommand.Apply }, output, log, token);

    public static Task<int> VerifyAsync(
        StageRequest request, TextWriter output, ILogger log, CancellationToken token) =>
        StageRunner.RunAsync(request with { Command = StageCommand.Verify }, output, log, token);

    public static Task<int> ExportAsync(ExportRequest request, TextWriter output, ILogger log, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StageRunner.ExportAsync(
            request.ConfigPath, request.OutputDirectory, output, log, token, request.Outcome);
    }

    public static Task<int> RollbackAsync(
        RollbackRequest request, TextWriter output, ILogger log, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StageRunner.RollbackAsync(
            request.ConfigPath, request.JournalPath, request.Force, request.ReportDirectory, output, log, token,
            request.Outcome);
    }

    public static Task<int> DemoAsync(DemoRequest request, TextWriter output, ILogger log, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Demo.RunAsync(request.ReportDirectory, output, log, token, request.Outcome, request.Progress);
    }
}
