using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Sources;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Core.Watch;
using CutoverSequencer.PostgreSql;
using Serilog;

namespace CutoverSequencer.Cli;

/// <summary>
/// <c>watch</c>: after apply, one reading of source and target per interval (a fresh source reader each
/// round, so a refreshed export directory is read again), measured by the <see cref="WatchTracker"/>;
/// the status file rewritten each round, the reports at the end; --re-advance runs <c>apply</c> into
/// re-advance-&lt;n&gt;/ when a margin falls under the threshold.
/// </summary>
internal static class WatchRunner
{
    public static async Task<int> RunAsync(WatchRequest request, TextWriter output, ILogger log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = TimeProvider.System;
        var config = ConfigLoader.Load(request.ConfigPath, SourceKinds.All, null, ConnectionStringCheck.Problem);
        var directory = Path.GetFullPath(request.ReportDirectory
            ?? ReportWriter.NewDefaultDirectory("watch", clock.GetUtcNow()));
        var moved = ReportWriter.PrepareDirectory(directory, request.Force, clock.GetUtcNow());
        if (moved.Count > 0)
        {
            log.Warning("--force: moved the earlier run's {Files} into {Directory}",
                string.Join(", ", moved.Keys.Select(Path.GetFileName)), Path.GetDirectoryName(moved.Values.First()));
        }
        var kind = SourceKinds.All.Find(config.Source.Kind)!;
        log.Information(
            "Watch {File}: source {Kind}, every {Interval}{Until}, threshold {Threshold}; status in {Status}",
            config.FilePath, config.Source.Kind, WatchTime.Format(request.Interval),
            request.Until is { } u ? $" until {u.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC" : " until interrupted",
            WatchReportWriter.Percent(request.Threshold), Path.Combine(directory, WatchReport.StatusFile));

        var tracker = new WatchTracker(new WatchSettings(request.Threshold, request.CutoverAt));
        var report = new WatchReport(config.FilePath, config.Source.Kind, "", request.Interval, request.Until,
            request.FailOnLow, request.ReAdvance, clock.GetUtcNow(), tracker);
        await using var display = request.Display;
        // After the first round only warnings from the stage: its per-reading lines would repeat every round.
        await using var quiet = new LoggerConfiguration().MinimumLevel.Is(request.Verbose
                ? Serilog.Events.LogEventLevel.Debug : Serilog.Events.LogEventLevel.Warning)
            .WriteTo.Logger(log).CreateLogger();
        await using var target = new PostgresTarget(config.Target, quiet.ForLibraries());
        var next = clock.GetUtcNow();
        try
        {
            while (true)
            {
                StageReading reading;
                try
                {
                    reading = await ReadAsync(config, kind, target, tracker.Rounds.Count == 0 ? log : quiet,
                        cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (cancellationToken.IsCancellationRequested
                                          && (e is OperationCanceledException
                                              || e is CutoverException { ExitCode: ExitCodes.CannotConnect }))
                {
                    report = report with { Status = "ended", EndReason = "interrupted" };
                    break;
                }
                catch (CutoverException e)
                {
                    report = report with
                    {
                        Status = "read-failed", EndReason = "read-failed", Error = e.Message, ExitCode = e.ExitCode,
                    };
                    throw;
                }
                var round = tracker.Observe(clock.GetUtcNow(), reading.Plan.Sequences.Select(WatchSample.Of));
                report = report with { Source = reading.SourceRun.Description, Target = reading.Snapshot.Description };
                WatchReportWriter.WriteStatus(report, directory);
                Show(round, report, request, log);

                if (round.MovedBackwards)
                {
                    report = report with
                    {
                        Status = "moved-backwards",
                        EndReason = "moved-backwards",
                        ExitCode = ExitCodes.BlockedOrUnverified,
                    };
                    break;
                }
                var under = round.UnderThreshold.Select(s => s.Sequence).ToList();
                if (request.ReAdvance && under.Count > 0)
                {
                    var advanced = await ReAdvanceAsync(request, tracker, round, under, directory, log,
                        cancellationToken).ConfigureAwait(false);
                    if (advanced.ExitCode != ExitCodes.Done)
                    {
                        report = report with
                        {
                            Status = "re-advance-failed", EndReason = "re-advance-failed", ExitCode = advanced.ExitCode,
                        };
                        break;
                    }
                }
                else if (request.FailOnLow && round.MarginAlert)
                {
                    report = report with
                    {
                        Status = "margin-low", EndReason = "fail-on-low", ExitCode = ExitCodes.BlockedOrUnverified,
                    };
                    break;
                }

                next += request.Interval;
                var now = clock.GetUtcNow();
                if (next < now)
                {
                    // A reading slower than the interval: the next round starts now, not in a burst.
                    next = now;
                }
                if (request.Until is { } until && next > until)
                {
                    report = report with { Status = "ended", EndReason = "until" };
                    break;
                }
                try
                {
                    await Task.Delay(next - now, clock, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    report = report with { Status = "ended", EndReason = "interrupted" };
                    break;
                }
            }
        }
        finally
        {
            // Written however the watch ends: the history so far is the evidence.
            if (report.ExitCode is null && report.Status == "ended"
                && report.LastRound?.Sequences.Any(s => s.State == WatchState.Exhausted) == true)
            {
                // Exit 0 means safe: a margin still used up at the end is not.
                report = report with { Status = "margin-exhausted", ExitCode = ExitCodes.BlockedOrUnverified };
            }
            report = report with
            {
                // Still "watching" here: an exception the tool did not expect (a defect, exit 5) ended it.
                Status = report.Status == "watching" ? "failed" : report.Status,
                ExitCode = report.ExitCode ?? (report.Status == "watching" ? ExitCodes.InternalError : ExitCodes.Done),
                EndedAt = clock.GetUtcNow(),
            };
            WatchReportWriter.WriteReport(report, directory);
            request.Outcome?.Record(report.Status, directory,
            [
                ("status", WatchReport.StatusFile), ("markdown", WatchReport.MarkdownFile),
                ("html", WatchReport.HtmlFile), ("json", WatchReport.JsonFile),
            ]);
        }
        if (display is not null)
        {
            // Cleared before the summary, so it does not land under the table.
            await display.DisposeAsync().ConfigureAwait(false);
        }
        await Summarise(report, directory, output).ConfigureAwait(false);
        return report.ExitCode!.Value;
    }

    /// <summary>One reading of source and target and its plan, with a source reader of its own.</summary>
    private static async Task<StageReading> ReadAsync(CutoverConfig config, SourceKind kind, PostgresTarget target,
        ILogger log, CancellationToken cancellationToken)
    {
        var source = kind.CreateReader(config.Source, log.ForLibraries());
        await using var disposeSource = source as IAsyncDisposable;
        var stage = new CutoverStage(config, source, target, target, log.ForLibraries(), TimeProvider.System);
        return await stage.ReadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// apply, the same path as the command (cutover lock, journal, read-back), into re-advance-&lt;n&gt;/ of the
    /// watch's directory; apply never sets a sequence backwards.
    /// </summary>
    private static async Task<WatchReAdvance> ReAdvanceAsync(WatchRequest request, WatchTracker tracker,
        WatchRound round, IReadOnlyList<string> under, string directory, ILogger log,
        CancellationToken cancellationToken)
    {
        // A --force'd directory may still hold an earlier watch's re-advance folders: the next free one.
        var number = tracker.ReAdvances.Count + 1;
        while (Directory.Exists(Path.Combine(directory, WatchReport.ReAdvancePrefix + number)))
        {
            number++;
        }
        var folder = Path.Combine(directory, WatchReport.ReAdvancePrefix + number);
        log.Warning("Re-advance: {Count} sequence(s) under the threshold ({Sequences}): apply into {Directory}",
            under.Count, string.Join(", ", under), folder);
        string status;
        int exitCode;
        try
        {
            var applied = await StageRunner.RunStageAsync(new StageRequest
            {
                Command = StageCommand.Apply,
                ConfigPath = request.ConfigPath,
                ReportDirectory = folder,
            }, TextWriter.Null, log, cancellationToken).ConfigureAwait(false);
            status = RunOutcome.JsonStatus(applied.Status);
            exitCode = applied.ExitCode;
        }
        catch (CutoverException e)
        {
            log.Error("Re-advance failed: {Message:l}", e.Message);
            (status, exitCode) = ("failed", e.ExitCode);
        }
        var reAdvance = new WatchReAdvance(round.Number, TimeProvider.System.GetUtcNow(), folder, under, status,
            exitCode);
        tracker.Record(reAdvance);
        if (exitCode == ExitCodes.Done)
        {
            log.Information("Re-advance {Status}: {Report}; watching from the new positions", status,
                Path.Combine(folder, ReportWriter.MarkdownFile));
        }
        else
        {
            log.Error("Re-advance ended {Status} (exit code {ExitCode}): {Report}", status, exitCode,
                Path.Combine(folder, ReportWriter.MarkdownFile));
        }
        return reAdvance;
    }

    /// <summary>The round on the live table, or as log lines: one per round, the lowest margins, every alert.</summary>
    private static void Show(WatchRound round, WatchReport report, WatchRequest request, ILogger log)
    {
        var measured = round.Sequences.Where(s => s.Share is not null).OrderBy(s => s.Share).ToList();
        if (request.Display is { } display)
        {
            display.Show(WatchView.Render(round, report, request.Interval));
        }
        else
        {
            log.ForContext("Event", "watch-round").ForContext("Round", round.Number)
                .Information("Round {Round}: {Count} sequences, {Low} under the threshold, lowest {Lowest}",
                    round.Number, round.Sequences.Count, round.UnderThreshold.Count(),
                    measured.Count > 0 ? $"{measured[0].Sequence} {WatchReportWriter.Percent(measured[0].Share!.Value)}"
                        : "none measured");
            foreach (var s in measured.Take(10).Concat(round.Sequences.Where(s => s.Share is null)).Take(20))
            {
                log.ForContext("Event", "watch-sequence").Information(
                    "  {Sequence}: {State}, next value {Next}, max(source, keys) {Reference}, margin left {Left} " +
                    "({Share}), rate {Rate}, runs out {RunsOut}",
                    s.Sequence, WatchReportWriter.State(s.State), WatchReportWriter.Number(s.Next),
                    WatchReportWriter.Number(s.Reference), WatchReportWriter.Number(s.MarginLeft),
                    s.Share is { } share ? WatchReportWriter.Percent(share) : "-",
                    s.Rate is null ? "unknown" : WatchReportWriter.Rate(s.Rate) + "/s",
                    WatchReportWriter.RunsOut(s) is { Length: > 0 } when ? when : "-");
            }
        }
        foreach (var finding in round.Findings)
        {
            var line = log.ForContext("Event", "watch-alert").ForContext("Code", finding.Code);
            if (finding.Severity == Core.Findings.Severity.Blocking)
            {
                line.Error("{Code} {Message:l}", finding.Code, finding.Message);
            }
            else
            {
                line.Warning("{Code} {Message:l}", finding.Code, finding.Message);
            }
        }
    }

    private static async Task Summarise(WatchReport report, string directory, TextWriter output)
    {
        await output.WriteLineAsync($"Watch: {report.Status} ({report.EndReason}) after " +
            $"{report.Tracker.Rounds.Count} " +
            $"round(s), exit code {report.ExitCode}").ConfigureAwait(false);
        foreach (var s in report.LastRound?.Sequences ?? [])
        {
            await output.WriteLineAsync($"  {WatchReportWriter.State(s.State),-12} {s.Sequence,-40} " +
                (s.MarginLeft is { } left
                    ? $"margin left {WatchReportWriter.Number(left)}" +
                      (s.Share is { } share ? $" ({WatchReportWriter.Percent(share)})" : "") +
                      $", runs out {WatchReportWriter.RunsOut(s)}"
                    : "not measured")).ConfigureAwait(false);
        }
        foreach (var finding in report.LastRound?.Findings ?? [])
        {
            await output.WriteLineAsync($"  {finding.Severity.ToString().ToUpperInvariant(),-8} {finding.Code}: " +
                finding.Message).ConfigureAwait(false);
        }
        foreach (var a in report.Tracker.ReAdvances)
        {
            await output.WriteLineAsync($"  re-advance after round {a.Round}: {a.Status} (exit code {a.ExitCode}), " +
                Path.Combine(a.Directory, ReportWriter.JsonFile)).ConfigureAwait(false);
        }
        await output.WriteLineAsync(
            $"Reports: {Path.Combine(directory, WatchReport.MarkdownFile)} (also .html, .json; " +
            $"status {WatchReport.StatusFile})").ConfigureAwait(false);
    }
}
