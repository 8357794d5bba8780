using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Rollback;
using CutoverSequencer.Core.Runtime;
using CutoverSequencer.Core.SavedPlans;
using CutoverSequencer.Core.Sources;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.PostgreSql;
using Serilog;

namespace CutoverSequencer.Cli;

/// <summary>Wires the configured source and the target into the stage, then writes the report.</summary>
public static class StageRunner
{
    public static async Task<int> RunAsync(
        StageRequest request, TextWriter output, ILogger log, CancellationToken cancellationToken) =>
        (await RunStageAsync(request, output, log, cancellationToken).ConfigureAwait(false)).ExitCode;

    /// <summary>One plan, apply or verify, its reports written and summarised; the report it wrote.</summary>
    public static async Task<CutoverReport> RunStageAsync(
        StageRequest request, TextWriter output, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = request.Command;
        var configPath = request.ConfigPath;
        var config = ConfigLoader.Load(configPath, SourceKinds.All, request.Overrides, ConnectionStringCheck.Problem);
        log.Debug("Configuration loaded; {Figures}", LargeRun.Figures());
        var baseline = request.BaselinePath is { } path
            ? BaselineLoader.Load(path, config.Source, SourceKinds.All)
            : null;
        // Read and checked before anything connects: a plan that cannot be applied is invalid input.
        var saved = request.SavedPlanPath is { } planPath ? SavedPlan.Read(planPath) : null;
        var maxDrift = request.MaxDrift is { } drift
            ? MaxDrift.Parse(drift, out var problem) ?? throw new InvalidInputException(problem!)
            : null;
        // Decided before the run: apply journals into it before its first write. An earlier run's
        // evidence there is refused (or moved aside with --force) before anything connects.
        var directory = request.ReportDirectory
            ?? ReportWriter.NewDefaultDirectory(command.ToString().ToLowerInvariant(), DateTimeOffset.UtcNow);
        LogMoved(ReportWriter.PrepareDirectory(directory, request.Force, DateTimeOffset.UtcNow), log);
        if (request.PlanOut is { } planOut)
        {
            CheckPlanOut(planOut, directory);
        }
        log.Information("Configuration {File}: source {Kind}, {Count} entries, margin {Margin}",
            configPath, config.Source.Kind, config.SequenceAdvancement.Tables.Count,
            config.SequenceAdvancement.SafetyMargin);

        var kind = SourceKinds.All.Find(config.Source.Kind)!;
        var source = kind.CreateReader(config.Source, log.ForLibraries());
        await using var disposeSource = source as IAsyncDisposable;
        // Cleared however the stage ends (an interrupted read reports no end).
        await using var progress = request.Progress as IAsyncDisposable;
        await using var target = new PostgresTarget(config.Target, log.ForLibraries()) { Progress = request.Progress };
        var stageOptions = new StageOptions(baseline, request.Strict, request.RequireQuiet, directory)
        {
            SavedPlan = saved,
            SavedPlanFile = request.SavedPlanPath,
            MaxDrift = maxDrift,
            KeepPlanDocument = request.PlanOut is not null,
        };
        var shownSource = request.Progress is TerminalProgress display
            ? new SourceReadStatus(source, display, $"Reading the source ({config.Source.Kind})")
            : source;
        var stage = new CutoverStage(
            config, shownSource, target, target, log.ForLibraries(), TimeProvider.System, stageOptions);
        CutoverReport report;
        try
        {
            report = await stage.RunAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested &&
                                  (e is OperationCanceledException
                                   || e is CutoverException { ExitCode: ExitCodes.CannotConnect }))
        {
            // A cancelled query may surface as a failed connection: with Ctrl+C pressed it is the interruption.
            // apply reports its own interruption; one that escapes it before the journal exists wrote nothing.
            var journal = Path.Combine(directory, ApplyJournal.FileName);
            throw command == StageCommand.Apply && File.Exists(journal)
                ? new CutoverException($"interrupted during apply: {journal} lists the sequences that were set; " +
                    "run apply again to finish, or rollback", ExitCodes.ApplyFailedPartway, e)
                : new CutoverException("interrupted; nothing was written", ExitCodes.BlockedOrUnverified, e);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        ReportWriter.Write(report, directory);
        if (request.PlanOut is { } written && report.PlanDocument is { } document)
        {
            SavedPlan.Write(document, written);
            log.Information("Plan saved to {File}: {Count} sequences, status {Status}", written,
                document.Sequences.Count, document.Status);
        }
        request.Outcome?.Record(report, ReportFiles.Of(report, directory));
        log.Debug("Reports written in {Ms} ms; {Figures}", watch.ElapsedMilliseconds, LargeRun.Figures());
        await RunSummary.WriteAsync(report, directory, output).ConfigureAwait(false);
        if (request.PlanOut is { } savedTo && report.PlanDocument is { } plan)
        {
            await output.WriteLineAsync($"Plan saved: {savedTo} ({plan.Sequences.Count} sequences, {plan.Status}" +
                (plan.IsBlocked ? "; apply --plan refuses a blocked plan)" : "; apply it with apply --plan)"))
                .ConfigureAwait(false);
        }
        return report;
    }

    /// <summary>
    /// plan --out: a new file in a folder that exists or is the report directory (made with the reports);
    /// an earlier plan is never overwritten.
    /// </summary>
    private static void CheckPlanOut(string path, string reportDirectory)
    {
        if (File.Exists(path) || Directory.Exists(path))
        {
            throw new InvalidInputException($"--out {path}: the file exists; a saved plan is never overwritten " +
                "(remove it or choose another name)");
        }
        if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder)
            && Path.GetFullPath(folder) != Path.GetFullPath(reportDirectory))
        {
            throw new InvalidInputException($"--out {path}: the folder {folder} does not exist");
        }
    }

    /// <summary><c>export</c>: the export files of a live source, as its kind writes them.</summary>
    public static async Task<int> ExportAsync(
        string configPath,
        string outputDirectory,
        TextWriter output,
        ILogger log,
        CancellationToken cancellationToken,
        RunOutcome? outcome = null)
    {
        var config = ConfigLoader.Load(configPath, SourceKinds.All, null, ConnectionStringCheck.Problem);
        var kind = SourceKinds.All.Find(config.Source.Kind)!;
        if (kind.CreateExporter is null)
        {
            var exporting = string.Join(" or ", SourceKinds.All.Kinds.Where(k => k.CreateExporter is not null));
            throw new InvalidInputException(
                $"{configPath}: export reads a live Oracle source; source.kind is {kind.Name}, not {exporting}");
        }
        var export = await kind.CreateExporter(config.Source, log.ForLibraries())
            .ExportAsync(outputDirectory, cancellationToken).ConfigureAwait(false);
        foreach (var file in export.Files)
        {
            await output.WriteLineAsync($"  {file.File,-22} {file.Rows,8} rows").ConfigureAwait(false);
        }
        await output.WriteLineAsync($"Export written to {outputDirectory} ({export.ReadFrom})").ConfigureAwait(false);
        outcome?.Record("exported", outputDirectory, []);
        return ExitCodes.Done;
    }

    private static void LogMoved(IReadOnlyDictionary<string, string> moved, ILogger log)
    {
        if (moved.Count > 0)
        {
            log.Warning("--force: moved the earlier run's {Files} into {Directory}",
                string.Join(", ", moved.Keys.Select(Path.GetFileName)), Path.GetDirectoryName(moved.Values.First()));
        }
    }

    /// <summary>
    /// <c>rollback</c>: restore the pre-apply state recorded in a journal, then write rollback-report.*
    /// with what was found, done and read back for every journaled sequence.
    /// </summary>
    public static async Task<int> RollbackAsync(
        string configPath,
        string journalPath,
        bool force,
        string? reportDirectory,
        TextWriter output,
        ILogger log,
        CancellationToken cancellationToken,
        RunOutcome? outcome = null)
    {
        var config = ConfigLoader.Load(configPath, SourceKinds.All, null, ConnectionStringCheck.Problem);
        var request = new Core.Rollback.RollbackRequest
        {
            JournalPath = journalPath,
            ConfigFile = config.FilePath,
            ReportDirectory = reportDirectory,
            Force = force,
            LockTimeout = config.Target.LockTimeout,
            OnMoved = moved => LogMoved(moved, log),
        };
        var result = await new RollbackService(TimeProvider.System, log.ForLibraries())
            .RunAsync(request, () => new PostgresTarget(config.Target, log.ForLibraries()), cancellationToken)
            .ConfigureAwait(false);
        foreach (var row in result.Outcomes)
        {
            await output.WriteLineAsync($"  {row.Action,-18} {row.Sequence,-40} {row.Detail}")
                .ConfigureAwait(false);
        }
        outcome?.Record(RollbackReport.StatusOf(result.Refused), result.ReportDirectory,
        [
            ("markdown", RollbackReport.MarkdownFile), ("html", RollbackReport.HtmlFile),
            ("json", RollbackReport.JsonFile), ("journal", result.JournalPath),
        ]);
        var reportLine =
            $"Report: {Path.Combine(result.ReportDirectory, RollbackReport.MarkdownFile)} (also .html, .json)";
        if (result.Refused)
        {
            log.Error(
                "Rollback refused: {Count} sequence(s) moved since apply (listed above); nothing was changed. "
                + "Use --force to restore them anyway.",
                result.Blocking);
            await output.WriteLineAsync(reportLine).ConfigureAwait(false);
            return result.ExitCode;
        }
        await output.WriteLineAsync($"Rolled back: {result.Restored} sequence(s) restored to their pre-apply state")
            .ConfigureAwait(false);
        await output.WriteLineAsync(reportLine).ConfigureAwait(false);
        return result.ExitCode;
    }
}
