using System.CommandLine;
using CutoverSequencer.Core;
using Serilog;
using Serilog.Events;

namespace CutoverSequencer.Cli;

/// <summary>Builds the command line once and maps every outcome to a documented exit code.</summary>
public static class CliApp
{
    /// <summary>Every exit code, in every command's --help (orchestrators and operators read them there).</summary>
    public const string ExitCodeHelp = """

        Exit codes:
          0  done and verified (plan: planned, nothing blocks)
          1  blocked by findings or verification failed; also an interrupted plan/verify/export (nothing written)
          2  invalid input: usage, configuration, export files, journal, report directory (nothing touched any database)
          3  cannot connect, or not permitted (before anything was written)
          4  apply (or rollback) failed or was interrupted part-way: the report and journal list what was set
          5  internal error: a defect in the tool (never a blocked run or an input problem)
        """ + WatchCommand.ExitCodeHelp;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var configOption = new Option<FileInfo>("--config", "-c")
        {
            Description = "The YAML configuration file.",
            Required = true,
        };
        var reportDirOption = new Option<DirectoryInfo?>("--report-dir", "-o")
        {
            Description = "Write the reports into this directory (default: a new folder under reports/). " +
                "One that holds an earlier run's reports or journal is refused unless --force.",
        };
        var forceReportDirOption = new Option<bool>("--force")
        {
            Description = "Use a --report-dir that holds an earlier run's reports or journal: " +
                "they are moved into earlier-<timestamp>/ inside it first, never overwritten.",
        };
        var logFormatOption = new Option<string>("--log-format")
        {
            Description = "Log format on stderr: text or json.",
            DefaultValueFactory = _ => "text",
            Recursive = true,
        };
        logFormatOption.AcceptOnlyFromAmong("text", "json");
        var noProgressOption = new Option<bool>("--no-progress")
        {
            Description = "No live display of key reads on the terminal; a progress log line every few seconds.",
            Recursive = true,
        };
        var verboseOption = new Option<bool>("--verbose", "-v")
        {
            Description = "Debug logging, with stack traces.",
            Recursive = true,
        };

        var root = new RootCommand("Sets every PostgreSQL sequence safely past the source's sequences and the " +
            "loaded keys, proves it, and reports." + ExitCodeHelp);
        root.Options.Add(logFormatOption);
        root.Options.Add(verboseOption);
        root.Options.Add(noProgressOption);
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction(output);
        }

        var baselineOption = new Option<FileSystemInfo?>("--baseline")
        {
            Description = "An earlier cutover-report.json, or an export directory with export_info.csv: " +
                "source insert rates are measured against it.",
        };
        var strictOption = new Option<bool>("--strict") { Description = "Make MARGIN_BELOW_OBSERVED_RATE blocking." };
        var quietOption = new Option<bool>("--require-quiet")
        {
            Description = "Block when other client sessions are connected to the target database.",
        };

        var planOutOption = new Option<FileInfo?>("--out")
        {
            Description = "Also save the plan to this file (plan.json: every value with the readings it came " +
                "from, the configuration's digest, the tool). Refused if the file exists.",
        };
        var savedPlanOption = new Option<FileInfo?>("--plan")
        {
            Description = "Apply exactly the values of this saved plan (from 'plan --out'), after re-reading the " +
                "live state; refused (PLAN_DRIFT, exit 1) when it no longer satisfies the plan.",
        };
        var maxDriftOption = new Option<string?>("--max-drift")
        {
            Description = "With --plan: how far past the planned reference a source value or key may be now, as " +
                "a share of each margin (default 50%) or a number of values; never more than the margin.",
        };

        StageRequest Request(ParseResult result, FileInfo config, RunOutcome outcome) => new()
        {
            PlanOut = result.GetValue(planOutOption)?.FullName,
            SavedPlanPath = result.GetValue(savedPlanOption)?.FullName,
            MaxDrift = result.GetValue(maxDriftOption),
            Command = Core.Stage.StageCommand.Plan,
            ConfigPath = config.FullName,
            ReportDirectory = result.GetValue(reportDirOption)?.FullName,
            BaselinePath = result.GetValue(baselineOption)?.FullName,
            Strict = result.GetValue(strictOption),
            RequireQuiet = result.GetValue(quietOption),
            Force = result.GetValue(forceReportDirOption),
            Progress = Progress(result),
            Outcome = outcome,
        };

        TerminalProgress? Progress(ParseResult result) =>
            TerminalProgress.For(result.GetValue(logFormatOption) ?? "text", result.GetValue(noProgressOption));

        Command StageCommand(string name, CommandEntry entry, string description)
        {
            var command = new Command(name, description + ExitCodeHelp)
            {
                configOption, reportDirOption, forceReportDirOption, baselineOption, strictOption, quietOption,
            };
            command.SetAction((result, token) => WithLogger(result, name, (log, outcome) =>
                entry(Request(result, result.GetValue(configOption)!, outcome), output, log, token)));
            return command;
        }

        var plan = StageCommand("plan", Commands.PlanAsync,
            "Inspect source and target, plan the new values and write the report. Writes to no database. " +
            "With --out, also save the plan (every value and its readings) for review and 'apply --plan'.");
        plan.Options.Add(planOutOption);
        root.Subcommands.Add(plan);
        var apply = StageCommand("apply", Commands.ApplyAsync,
            "Inspect, plan, setval every planned sequence, verify by reading back, and report. With --plan, apply " +
            "exactly a saved plan's values, or refuse (PLAN_DRIFT) when the live state no longer satisfies it.");
        apply.Options.Add(savedPlanOption);
        apply.Options.Add(maxDriftOption);
        apply.Validators.Add(result =>
        {
            if (result.GetValue(maxDriftOption) is { } text)
            {
                if (result.GetValue(savedPlanOption) is null)
                {
                    result.AddError("--max-drift applies only with --plan.");
                }
                else if (Core.SavedPlans.MaxDrift.Parse(text, out var problem) is null)
                {
                    result.AddError(problem!);
                }
            }
        });
        root.Subcommands.Add(apply);
        var verify = StageCommand("verify", Commands.VerifyAsync,
            "Read every sequence back and prove its next value clears every key. Writes to no database. " +
            "With --nodes, verify every multi-master node and prove their key streams cannot meet.");
        // verify --nodes a.yaml b.yaml: each file one node's configuration; --config is then not needed.
        var nodesOption = new Option<FileInfo[]>("--nodes")
        {
            Description = "Multi-master: the configuration of every node (two or more); prove their future key " +
                "streams cannot meet (same increment, distinct residues or disjoint ranges, no next value at or " +
                "below another node's keys). Replaces --config.",
            AllowMultipleArgumentsPerToken = true,
        };
        verify.Options.Add(nodesOption);
        var verifyConfig = new Option<FileInfo>("--config", "-c") { Description = configOption.Description };
        verify.Options.Remove(configOption);
        verify.Options.Add(verifyConfig);
        verify.Validators.Add(result =>
        {
            var nodes = result.GetValue(nodesOption) ?? [];
            var config = result.GetValue(verifyConfig);
            if (config is null && nodes.Length == 0)
            {
                result.AddError("Option '--config' is required (or --nodes with two or more node configurations).");
            }
            else if (config is not null && nodes.Length > 0)
            {
                result.AddError("Give either --config or --nodes, not both.");
            }
            else if (nodes.Length == 1)
            {
                result.AddError("--nodes needs the configuration of at least two nodes.");
            }
        });
        verify.SetAction((result, token) => WithLogger(result, "verify", (log, outcome) =>
            result.GetValue(nodesOption) is { Length: > 0 } nodes
                ? NodesRunner.VerifyAsync([.. nodes.Select(n => n.FullName)],
                    result.GetValue(reportDirOption)?.FullName, result.GetValue(forceReportDirOption), output, log,
                    token, outcome)
                : Commands.VerifyAsync(Request(result, result.GetValue(verifyConfig)!, outcome), output, log, token)));
        root.Subcommands.Add(verify);

        var outputOption = new Option<DirectoryInfo>("--output")
        {
            Description = "Directory for the export CSV files.",
            Required = true,
        };
        var export = new Command("export",
            "Write the Oracle export files (sequences.csv, ...) from a live Oracle source (source.kind: oracle)." +
            ExitCodeHelp)
        {
            configOption, outputOption,
        };
        export.SetAction((result, token) => WithLogger(result, "export", (log, outcome) =>
            Commands.ExportAsync(
                new ExportRequest(result.GetValue(configOption)!.FullName, result.GetValue(outputOption)!.FullName)
                {
                    Outcome = outcome,
                },
                output, log, token)));
        root.Subcommands.Add(export);

        var journalOption = new Option<FileInfo>("--journal")
        {
            Description = "The apply-journal.json of the apply to undo.",
            Required = true,
        };
        var forceOption = new Option<bool>("--force")
        {
            Description = "Restore sequences that moved since apply too (values issued since may be issued again); " +
                "also use a --report-dir holding an earlier run's files (moved into earlier-<timestamp>/).",
        };
        var rollback = new Command("rollback",
            "Restore every sequence an apply set to its pre-apply state, from the apply's journal, " +
            "and write rollback-report.{md,html,json}. " +
            "--config is required: the journal names the target but holds no password." + ExitCodeHelp)
        {
            configOption, journalOption, reportDirOption, forceOption,
        };
        rollback.SetAction((result, token) => WithLogger(result, "rollback", (log, outcome) =>
            Commands.RollbackAsync(
                new RollbackRequest(result.GetValue(configOption)!.FullName, result.GetValue(journalOption)!.FullName,
                    result.GetValue(forceOption), result.GetValue(reportDirOption)?.FullName) { Outcome = outcome },
                output, log, token)));
        root.Subcommands.Add(rollback);
        WatchCommand.Add(root, configOption, reportDirOption, forceReportDirOption, WithLogger, output);

        var demo = new Command("demo",
            "Run the whole stage on a throwaway local PostgreSQL with the bundled sample." + ExitCodeHelp)
        {
            reportDirOption,
        };
        demo.SetAction((result, token) => WithLogger(result, "demo", (log, outcome) =>
            Commands.DemoAsync(new DemoRequest(result.GetValue(reportDirOption)?.FullName)
                {
                    Outcome = outcome, Progress = Progress(result),
                },
                output, log, token)));
        root.Subcommands.Add(demo);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            if (WantsJson(args))
            {
                // Every stderr line is JSON with --log-format json, usage errors included.
                await using var log = CreateLogger("json", verbose: false, error);
                foreach (var parseError in parsed.Errors)
                {
                    log.ForContext("Event", "usage").Error("{Message:l}", parseError.Message);
                }
                LogResult(log, ExitCodes.InvalidInput, new RunOutcome { Command = parsed.CommandResult.Command.Name });
                return ExitCodes.InvalidInput;
            }
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

        Task<int> WithLogger(ParseResult result, string command, Func<ILogger, RunOutcome, Task<int>> run)
        {
            var outcome = new RunOutcome { Command = command };
            return GuardAsync(result.GetValue(logFormatOption) ?? "text", result.GetValue(verboseOption), error,
                log => run(log, outcome), outcome);
        }
    }

    /// <summary>
    /// Whether the arguments ask for JSON logs, read from the raw arguments: a line that could not be parsed
    /// still gets its errors as JSON when it says <c>--log-format json</c> (or <c>=json</c>, <c>:json</c>).
    /// </summary>
    internal static bool WantsJson(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--log-format=json" or "--log-format:json"
                || (args[i] == "--log-format" && i + 1 < args.Count && args[i + 1] == "json"))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Runs a command and maps how it ended to an exit code: a CutoverException carries its own; an
    /// interruption that reaches here stopped before any write (1); anything else is a defect (5).
    /// With JSON logs the last line is the <c>result</c> event (status, exit code, report files).
    /// </summary>
    public static async Task<int> GuardAsync(
        string logFormat, bool verbose, TextWriter error, Func<ILogger, Task<int>> run, RunOutcome? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(run);
        await using var log = CreateLogger(logFormat, verbose, error);
        var code = await RunGuardedAsync(logFormat, verbose, error, log, run).ConfigureAwait(false);
        if (logFormat == "json")
        {
            LogResult(log, code, outcome ?? new RunOutcome());
        }
        return code;
    }

    private static async Task<int> RunGuardedAsync(
        string logFormat, bool verbose, TextWriter error, ILogger log, Func<ILogger, Task<int>> run)
    {
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
        catch (OperationCanceledException e)
        {
            // apply and rollback turn their own interruptions into exit 4 where something was written
            // (a CutoverException above); one that reaches here stopped before any write.
            log.Error("Interrupted; nothing was written");
            log.Debug(e, "Details");
            return ExitCodes.BlockedOrUnverified;
        }
#pragma warning disable CA1031 // the last resort: every other exception is a defect, reported as exit 5
        catch (Exception e)
#pragma warning restore CA1031
        {
            // A defect, not a verdict on the run: never 1 (blocked) nor 4 (part-way).
            if (logFormat == "json")
            {
                log.Error(verbose ? e : null, "internal error: {Message:l}", OneLine(e.Message));
            }
            else
            {
                await error.WriteLineAsync($"error: internal error: {OneLine(e.Message)}").ConfigureAwait(false);
                if (verbose)
                {
                    await error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
                }
            }
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// The last JSON log line of every run: <c>Properties.Event</c> is "result", with the status (the report's,
    /// else one named after the exit code), the exit code, the command and the files written.
    /// </summary>
    private static void LogResult(ILogger log, int exitCode, RunOutcome outcome)
    {
        var status = outcome.Status ?? RunOutcome.StatusOf(exitCode);
        log.ForContext("Event", "result")
            .ForContext("Command", outcome.Command)
            .ForContext("Reports", outcome.Reports, destructureObjects: true)
            .Information("Result: {Status:l} (exit code {ExitCode})", status, exitCode);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static Serilog.Core.Logger CreateLogger(string format, bool verbose, TextWriter error)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information);
        // JSON lines go to the command's error writer (stderr in the process), one event per line.
        configuration = format == "json"
            ? configuration.WriteTo.Sink(new JsonLineSink(error))
            : TextLog(configuration, "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}" +
                (verbose ? "{Exception}" : ""));
        return configuration.CreateLogger();
    }

    private static LoggerConfiguration TextLog(LoggerConfiguration configuration, string template)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return configuration.WriteTo.Sink(Serilog.Configuration.LoggerSinkConfiguration.Wrap(
            console => new TerminalLogSink(console,
                new Serilog.Formatting.Display.MessageTemplateTextFormatter(template, culture)),
            sinks => sinks.Console(outputTemplate: template, standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: culture)));
    }
}
