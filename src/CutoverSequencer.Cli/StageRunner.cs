using System.Text;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Runtime;
using CutoverSequencer.Core.Rollback;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Core.Wording;
using CutoverSequencer.Oracle.Export;
using CutoverSequencer.Oracle.Live;
using CutoverSequencer.PostgreSql;
using Serilog;

namespace CutoverSequencer.Cli;

/// <summary>Wires the configured source and the target into the stage, then writes the report.</summary>
public static class StageRunner
{
    public static async Task<int> RunAsync(
        StageCommand command,
        string configPath,
        string? reportDirectory,
        IReadOnlyDictionary<string, string?>? overrides,
        TextWriter output,
        ILogger log,
        CancellationToken cancellationToken,
        Options? options = null)
    {
        var config = ConfigLoader.Load(configPath, overrides, ConnectionStringCheck.Problem);
        log.Debug("Configuration loaded; {Figures}", LargeRun.Figures());
        var baseline = options?.BaselinePath is { } path ? LoadBaseline(path, config) : null;
        // Decided before the run: apply journals into it before its first write. An earlier run's
        // evidence there is refused (or moved aside with --force) before anything connects.
        var directory = reportDirectory ?? ReportWriter.NewDefaultDirectory(command.ToString().ToLowerInvariant(), DateTimeOffset.UtcNow);
        LogMoved(ReportWriter.PrepareDirectory(directory, options?.Force ?? false, DateTimeOffset.UtcNow), log);
        log.Information("Configuration {File}: source {Kind}, {Count} entries, margin {Margin}",
            configPath, KindName(config.Source.Kind), config.SequenceAdvancement.Tables.Count, config.SequenceAdvancement.SafetyMargin);

        var source = CreateSource(config.Source, log);
        await using var disposeSource = source as IAsyncDisposable;
        await using var target = new PostgresTarget(config.Target, log.ForLibraries()) { Progress = options?.Progress };
        var stageOptions = new StageOptions(baseline, options?.Strict ?? false, options?.RequireQuiet ?? false, directory);
        var stage = new CutoverStage(config, source, target, target, log.ForLibraries(), TimeProvider.System, stageOptions);
        CutoverReport report;
        try
        {
            report = await stage.RunAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested &&
                                  (e is OperationCanceledException || e is CutoverException { ExitCode: ExitCodes.CannotConnect }))
        {
            // A cancelled query may surface as a failed connection: with Ctrl+C pressed it is the interruption.
            // apply reports its own interruption; one that escapes it before the journal exists wrote nothing.
            var journal = Path.Combine(directory, ApplyJournal.FileName);
            throw command == StageCommand.Apply && File.Exists(journal)
                ? new CutoverException($"interrupted during apply: {journal} lists the sequences that were set; run apply again to finish, or rollback", ExitCodes.ApplyFailedPartway, e)
                : new CutoverException("interrupted; nothing was written", ExitCodes.BlockedOrUnverified, e);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        ReportWriter.Write(report, directory);
        log.Debug("Reports written in {Ms} ms; {Figures}", watch.ElapsedMilliseconds, LargeRun.Figures());
        await WriteSummaryAsync(report, directory, output).ConfigureAwait(false);
        return report.ExitCode;
    }

    private static ISourceCatalogReader CreateSource(SourceConfig source, ILogger log) => source.Kind switch
    {
        SourceKind.OracleExport => new OracleExportReader(source.ExportDirectory!, source.Schemas),
        SourceKind.Oracle => new OracleLiveReader(OracleDriver.Load(source.DriverPath), source.ConnectionString!, source.Schemas, log.ForLibraries()),
        SourceKind.Postgres => new PostgresSource(source.ConnectionString!, source.Schemas),
        _ => new NoSource(),
    };

    /// <summary><c>export</c>: the export files of a live Oracle source, as the SQL*Plus script writes them.</summary>
    public static async Task<int> ExportAsync(string configPath, string outputDirectory, TextWriter output, ILogger log, CancellationToken cancellationToken)
    {
        var config = ConfigLoader.Load(configPath, null, ConnectionStringCheck.Problem);
        if (config.Source.Kind != SourceKind.Oracle)
        {
            throw new InvalidInputException($"{configPath}: export reads a live Oracle source; source.kind is {KindName(config.Source.Kind)}, not oracle");
        }
        var reader = new OracleLiveReader(OracleDriver.Load(config.Source.DriverPath), config.Source.ConnectionString!, config.Source.Schemas, log.ForLibraries());
        var live = await reader.ReadTablesAsync(cancellationToken).ConfigureAwait(false);
        ExportWriter.Write(outputDirectory, live.Tables);
        foreach (var table in live.Tables)
        {
            await output.WriteLineAsync($"  {table.File,-22} {table.Rows.Count,8} rows").ConfigureAwait(false);
        }
        await output.WriteLineAsync($"Export written to {outputDirectory} ({live.Dictionary.Prefix}_ views)").ConfigureAwait(false);
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

    /// <summary>Command-line options beyond the configuration.</summary>
    public sealed record Options(string? BaselinePath, bool Strict, bool RequireQuiet = false)
    {
        /// <summary>Use a report directory that holds an earlier run's files, moving them aside first.</summary>
        public bool Force { get; init; }

        /// <summary>Where key-read progress goes (the terminal status line); null: periodic log lines.</summary>
        public IProgress<KeyReadProgress>? Progress { get; init; }
    }

    /// <summary>
    /// <c>rollback</c>: restore the pre-apply state recorded in a journal, then write rollback-report.*
    /// with what was found, done and read back for every journaled sequence.
    /// </summary>
    public static async Task<int> RollbackAsync(
        string configPath, string journalPath, bool force, string? reportDirectory, TextWriter output, ILogger log, CancellationToken cancellationToken)
    {
        var config = ConfigLoader.Load(configPath, null, ConnectionStringCheck.Problem);
        var request = new RollbackRequest
        {
            JournalPath = journalPath,
            ConfigFile = config.FilePath,
            ReportDirectory = reportDirectory,
            Force = force,
            LockTimeout = config.Target.LockTimeout,
            OnMoved = moved => LogMoved(moved, log),
        };
        var result = await new RollbackService(TimeProvider.System, log.ForLibraries())
            .RunAsync(request, () => new PostgresTarget(config.Target, log.ForLibraries()), cancellationToken).ConfigureAwait(false);
        foreach (var outcome in result.Outcomes)
        {
            await output.WriteLineAsync($"  {outcome.Action,-18} {outcome.Sequence,-40} {outcome.Detail}").ConfigureAwait(false);
        }
        var reportLine = $"Report: {Path.Combine(result.ReportDirectory, RollbackReport.MarkdownFile)} (also .html, .json)";
        if (result.Refused)
        {
            log.Error("Rollback refused: {Count} sequence(s) moved since apply (listed above); nothing was changed. Use --force to restore them anyway.",
                result.Blocking);
            await output.WriteLineAsync(reportLine).ConfigureAwait(false);
            return result.ExitCode;
        }
        await output.WriteLineAsync($"Rolled back: {result.Restored} sequence(s) restored to their pre-apply state").ConfigureAwait(false);
        await output.WriteLineAsync(reportLine).ConfigureAwait(false);
        return result.ExitCode;
    }

    /// <summary>An earlier report (file) or Oracle export (directory, with its capture time).</summary>
    private static Baseline LoadBaseline(string path, CutoverConfig config)
    {
        if (File.Exists(path))
        {
            return Baseline.FromReport(path);
        }
        if (!Directory.Exists(path))
        {
            throw new InvalidInputException($"--baseline {path}: no such file or directory");
        }
        var catalog = new OracleExportReader(path, config.Source.Schemas).Read();
        if (catalog.CapturedAt is not { } captured)
        {
            throw new InvalidInputException($"--baseline {path}: export_info.csv with CAPTURED_AT is needed to measure rates");
        }
        return new Baseline($"export {path}", captured,
            catalog.Sequences.ToDictionary(s => s.FullName, s => s.LastNumber, StringComparer.Ordinal),
            new Dictionary<string, System.Numerics.BigInteger>(StringComparer.Ordinal));
    }

    private static string KindName(SourceKind kind) => kind switch
    {
        SourceKind.OracleExport => "oracle-export",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static async Task WriteSummaryAsync(CutoverReport report, string directory, TextWriter output)
    {
        // Composed in blocks of about 64 kB, each written at once: the console flushes every write, which
        // at thousands of rows is slow, and one string of every row would be megabytes at the run's end.
        var text = new StringBuilder();
        async Task Line(string line, bool force = false)
        {
            text.Append(line).Append(output.NewLine);
            if (force || text.Length >= 1 << 15)
            {
                await output.WriteAsync(text).ConfigureAwait(false);
                text.Clear();
            }
        }
        await Line($"Status: {MarkdownReportRenderer.StatusText(report.Status)} (exit code {report.ExitCode})").ConfigureAwait(false);
        foreach (var row in report.Plan.Sequences)
        {
            var action = row.Action switch
            {
                PlanAction.Advance => report.WasSet(row) ? "advanced " : "advance  ",
                PlanAction.Unchanged => "unchanged",
                _ => "BLOCKED  ",
            };
            var values = row.NextValue is { } next ? $"setval {Numbers.Format(row.NewValue!.Value)}, next value {Numbers.Format(next)}" : "";
            await Line($"  {action}  {row.Name,-40} {values}").ConfigureAwait(false);
        }
        // The same count as the log's and the report's: every finding, info included.
        await Line($"Findings: {report.Findings.Count} ({report.Findings.Count(f => f.Severity == Severity.Blocking)} blocking, " +
            $"{report.Findings.Count(f => f.Severity == Severity.Warning)} warning, {report.Findings.Count(f => f.Severity == Severity.Info)} info; info findings are in the report)").ConfigureAwait(false);
        foreach (var finding in report.Findings.Where(f => f.Severity != Severity.Info))
        {
            await Line($"  {finding.Severity.ToString().ToUpperInvariant(),-8} {finding.Code}: {finding.Message}").ConfigureAwait(false);
        }
        await Line($"Reports: {Path.Combine(directory, ReportWriter.MarkdownFile)} (also .html, .json)", force: true).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>source.kind: none — the target alone (the old primary is gone).</summary>
    private sealed class NoSource : ISourceCatalogReader
    {
        public Task<SourceCatalog> ReadAsync(CancellationToken cancellationToken) =>
            Task.FromResult(SourceCatalog.Empty("none (target keys only)"));
    }
}
