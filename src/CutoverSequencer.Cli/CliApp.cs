using System.CommandLine;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Stage;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace CutoverSequencer.Cli;

/// <summary>Builds the command line once and maps every outcome to a documented exit code.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var configOption = new Option<FileInfo>("--config", "-c") { Description = "The YAML configuration file.", Required = true };
        var reportDirOption = new Option<DirectoryInfo?>("--report-dir", "-o")
        {
            Description = "Write cutover-report.{md,html,json} into this directory (default: a new folder under reports/).",
        };
        var logFormatOption = new Option<string>("--log-format")
        {
            Description = "Log format on stderr: text or json.",
            DefaultValueFactory = _ => "text",
            Recursive = true,
        };
        logFormatOption.AcceptOnlyFromAmong("text", "json");
        var verboseOption = new Option<bool>("--verbose", "-v") { Description = "Debug logging, with stack traces.", Recursive = true };

        var root = new RootCommand("Sets every PostgreSQL sequence safely past the source's sequences and the loaded keys, proves it, and reports.");
        root.Options.Add(logFormatOption);
        root.Options.Add(verboseOption);

        var baselineOption = new Option<FileSystemInfo?>("--baseline")
        {
            Description = "An earlier cutover-report.json, or an export directory with export_info.csv: source insert rates are measured against it.",
        };
        var strictOption = new Option<bool>("--strict") { Description = "Make MARGIN_BELOW_OBSERVED_RATE blocking." };
        var quietOption = new Option<bool>("--require-quiet") { Description = "Block when other client sessions are connected to the target database." };

        Command StageCommand(string name, StageCommand stage, string description)
        {
            var command = new Command(name, description) { configOption, reportDirOption, baselineOption, strictOption, quietOption };
            command.SetAction((result, token) => WithLogger(result, log =>
                StageRunner.RunAsync(stage, result.GetValue(configOption)!.FullName, result.GetValue(reportDirOption)?.FullName, null, output, log, token,
                    new StageRunner.Options(result.GetValue(baselineOption)?.FullName, result.GetValue(strictOption), result.GetValue(quietOption))
                    {
                        Progress = TerminalProgress.For(result.GetValue(logFormatOption) ?? "text"),
                    })));
            return command;
        }

        root.Subcommands.Add(StageCommand("plan", Core.Stage.StageCommand.Plan,
            "Inspect source and target, plan the new values and write the report. Writes to no database."));
        root.Subcommands.Add(StageCommand("apply", Core.Stage.StageCommand.Apply,
            "Inspect, plan, setval every planned sequence, verify by reading back, and report."));
        root.Subcommands.Add(StageCommand("verify", Core.Stage.StageCommand.Verify,
            "Read every sequence back and prove its next value clears every key. Writes to no database."));

        var outputOption = new Option<DirectoryInfo>("--output") { Description = "Directory for the export CSV files.", Required = true };
        var export = new Command("export", "Write the Oracle export files (sequences.csv, ...) from a live Oracle source (source.kind: oracle).")
        {
            configOption, outputOption,
        };
        export.SetAction((result, token) => WithLogger(result, log =>
            StageRunner.ExportAsync(result.GetValue(configOption)!.FullName, result.GetValue(outputOption)!.FullName, output, log, token)));
        root.Subcommands.Add(export);

        var journalOption = new Option<FileInfo>("--journal") { Description = "The apply-journal.json of the apply to undo.", Required = true };
        var forceOption = new Option<bool>("--force") { Description = "Restore sequences that moved since apply too (values issued since may be issued again)." };
        var rollback = new Command("rollback", "Restore every sequence an apply set to its pre-apply state, from the apply's journal.")
        {
            configOption, journalOption, forceOption,
        };
        rollback.SetAction((result, token) => WithLogger(result, log =>
            StageRunner.RollbackAsync(result.GetValue(configOption)!.FullName, result.GetValue(journalOption)!.FullName, result.GetValue(forceOption), output, log, token)));
        root.Subcommands.Add(rollback);

        var demo = new Command("demo", "Run the whole stage on a throwaway local PostgreSQL with the bundled sample.") { reportDirOption };
        demo.SetAction((result, token) => WithLogger(result, log =>
            Demo.RunAsync(result.GetValue(reportDirOption)?.FullName, output, log, token)));
        root.Subcommands.Add(demo);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}").ConfigureAwait(false);
            }
            await error.WriteLineAsync("Run 'cutover-sequencer --help' for usage.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        // Ctrl+C cancels the run; the grace period lets apply stop between statements and write its report.
        return await parsed.InvokeAsync(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = TimeSpan.FromSeconds(60),
        }).ConfigureAwait(false);

        async Task<int> WithLogger(ParseResult result, Func<ILogger, Task<int>> run)
        {
            var verbose = result.GetValue(verboseOption);
            await using var log = CreateLogger(result.GetValue(logFormatOption) ?? "text", verbose);
            try
            {
                return await run(log).ConfigureAwait(false);
            }
            catch (CutoverException e)
            {
                log.Error("{Message:l}", e.Message);
                log.Debug(e, "Details");
                return e.ExitCode;
            }
            catch (OperationCanceledException)
            {
                log.Error("Interrupted: see the report directory for what was set, if anything");
                return ExitCodes.ApplyFailedPartway;
            }
            catch (Exception e)
            {
                log.Error("Unexpected error: {Message:l}", e.Message);
                log.Debug(e, "Details");
                return ExitCodes.BlockedOrUnverified;
            }
        }
    }

    private static Serilog.Core.Logger CreateLogger(string format, bool verbose)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information);
        configuration = format == "json"
            ? configuration.WriteTo.Console(new JsonFormatter(renderMessage: true), standardErrorFromLevel: LogEventLevel.Verbose)
            : configuration.WriteTo.Console(
                outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}" + (verbose ? "{Exception}" : ""),
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        return configuration.CreateLogger();
    }
}
