using System.Diagnostics;
using CutoverSequencer.Core.Analysis;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Reporting;
using Serilog;

namespace CutoverSequencer.Core.Stage;

public enum StageCommand
{
    Plan,
    Apply,
    Verify,
}

/// <summary>
/// inspect source → inspect target → plan → apply → verify, ending in one report. The roles are
/// passed in, so this class knows no database driver.
/// </summary>
public sealed class CutoverStage(
    CutoverConfig config,
    ISourceCatalogReader source,
    ITargetInspector target,
    ISequenceApplier applier,
    ILogger log,
    TimeProvider clock,
    Baseline? baseline = null,
    bool strict = false)
{
    private readonly List<StageTiming> timings = [];

    public async Task<CutoverReport> RunAsync(StageCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var catalog = await Timed("inspect source", () => source.ReadAsync(cancellationToken)).ConfigureAwait(false);
        log.Information("Source: {Source}, {Count} sequences", catalog.Description, catalog.Sequences.Count);

        var analysis = SourceAnalysis.Analyze(catalog, config);
        var entries = analysis.Entries.ToList();
        if (config.SequenceAdvancement.Discover)
        {
            IReadOnlyList<string> schemas = [.. new[] { config.Target.Schema }.Concat(config.Source.SchemaMapping.Values).Distinct()];
            var discovered = await Timed("discover", () => target.DiscoverAsync(schemas, cancellationToken)).ConfigureAwait(false);
            SourceAnalysis.Merge(entries, discovered);
        }
        foreach (var found in entries.Where(e => !e.IsConfigured))
        {
            log.Information("Mapped {Entry} from {Origin}", found.Describe(), found.Origin);
        }
        var snapshot = await Timed("inspect target", () => target.InspectAsync(entries, cancellationToken)).ConfigureAwait(false);
        log.Information("Target: {Target} (PostgreSQL {Version}), {Count} entries inspected", snapshot.Description, snapshot.ServerVersion, snapshot.Entries.Count);

        var plan = await Timed("plan", () => Task.FromResult(AdvancementPlanner.Plan(config.SequenceAdvancement, catalog, snapshot, config.Names, new RatePolicy(baseline, clock.GetUtcNow(), strict)))).ConfigureAwait(false);
        log.Information("Plan: {Advance} to advance, {Unchanged} unchanged, {Blocked} blocked, {Findings} findings",
            plan.Sequences.Count(s => s.Action == PlanAction.Advance),
            plan.Sequences.Count(s => s.Action == PlanAction.Unchanged),
            plan.Sequences.Count(s => s.Action == PlanAction.Blocked),
            plan.Findings.Count);
        foreach (var finding in plan.Findings.Where(f => f.Severity == Severity.Blocking))
        {
            log.Warning("{Code} {Object}: {Message}", finding.Code, finding.Object, finding.Message);
        }

        var findings = new List<Finding>(Finding.Ordered([.. catalog.Findings, .. analysis.Findings, .. plan.Findings]));
        ApplyResult? applied = null;
        IReadOnlyList<SequenceVerification>? verification = null;
        ReportStatus status;

        if (command == StageCommand.Plan)
        {
            status = plan.IsBlocked ? ReportStatus.Blocked : ReportStatus.Planned;
        }
        else if (command == StageCommand.Apply && plan.IsBlocked)
        {
            log.Warning("Blocking findings: nothing is applied");
            status = ReportStatus.Blocked;
        }
        else
        {
            var reading = snapshot;
            if (command == StageCommand.Apply)
            {
                var toSet = plan.Enabled ? plan.ToAdvance.ToList() : [];
                applied = await Timed("apply", () => applier.ApplyAsync(toSet, cancellationToken)).ConfigureAwait(false);
                log.Information("Apply: {Set} of {Planned} sequences set", applied.Set.Count, toSet.Count);
                if (!applied.Succeeded)
                {
                    // The remedy is a re-run, not a read-back: report what was set and stop here.
                    findings.Add(Finding.Of(FindingCatalog.ApplyFailed, applied.FailedAt?.ToString() ?? "apply", applied.Error!));
                    return Report(command, ReportStatus.ApplyFailed, catalog, snapshot, plan, findings, applied, null, analysis);
                }
                reading = await Timed("verify", () => target.InspectAsync(entries, cancellationToken)).ConfigureAwait(false);
            }
            var (results, verifyFindings) = Verifier.Verify(plan, reading);
            verification = results;
            findings.AddRange(verifyFindings);
            status = plan.IsBlocked || results.Any(r => !r.Passed) ? ReportStatus.VerificationFailed : ReportStatus.Verified;
            log.Information("Verify: {Passed} of {Total} sequences clear every key", results.Count(r => r.Passed), results.Count);
        }

        return Report(command, status, catalog, snapshot, plan, findings, applied, verification, analysis);
    }

    private CutoverReport Report(StageCommand command, ReportStatus status, SourceCatalog catalog, TargetSnapshot snapshot,
        AdvancementPlan plan, List<Finding> findings, ApplyResult? applied, IReadOnlyList<SequenceVerification>? verification,
        AnalysisResult analysis) =>
        new(command.ToString().ToLowerInvariant(), status, clock.GetUtcNow(), config.FilePath, catalog.Description, catalog.CapturedAt,
            snapshot.Description, plan, findings, applied, verification, [.. timings])
        {
            PostLoadDefaults = analysis.PostLoadDefaults,
        };

    private async Task<T> Timed<T>(string stage, Func<Task<T>> work)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            timings.Add(new StageTiming(stage, watch.Elapsed));
        }
    }
}
