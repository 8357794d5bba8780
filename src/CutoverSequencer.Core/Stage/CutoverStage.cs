using System.Diagnostics;
using System.Numerics;
using CutoverSequencer.Core.Analysis;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Runtime;
using CutoverSequencer.Core.SavedPlans;
using Microsoft.Extensions.Logging;

namespace CutoverSequencer.Core.Stage;

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
    StageOptions? options = null)
{
    private readonly StageOptions options = options ?? new StageOptions();

    private readonly List<StageTiming> timings = [];

    private bool largeRun;

    private PlanDocument? planDocument;

    public async Task<CutoverReport> RunAsync(StageCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        // One apply per target database: taken before anything is read, held until the report.
        await using var applyLock = command == StageCommand.Apply && config.SequenceAdvancement.Enabled
            ? await Timed("lock", () => applier.LockAsync(config.Target.LockTimeout,
                cancellationToken)).ConfigureAwait(false)
            : null;
        // Deconstructed, not kept: the readings are freed once verified (at many thousand, they are worth it).
        StageReading? read = await ReadAsync(cancellationToken).ConfigureAwait(false);
        var (sourceRun, analysis, entries, inspected, plan, readFindings) = read;
        planDocument = read.PlanDocument;
        TargetSnapshot? snapshot = inspected;
        (read, inspected) = (null, null);
        var targetDescription = snapshot.Description;
        var findings = new List<Finding>(readFindings);
        ApplyResult? applied = null;
        IReadOnlyList<SequenceVerification>? verification = null;
        IReadOnlyList<(string Path, JournalDocument Journal)> earlier = [];
        ReportStatus status;

        if (command == StageCommand.Plan)
        {
            status = plan.IsBlocked ? ReportStatus.Blocked : ReportStatus.Planned;
        }
        else if (command == StageCommand.Apply && plan.IsBlocked)
        {
            log.LogWarning("Blocking findings: nothing is applied");
            status = ReportStatus.Blocked;
        }
        else
        {
            TargetSnapshot? reading = snapshot;
            if (command == StageCommand.Apply)
            {
                var toSet = plan.Enabled ? plan.ToAdvance.ToList() : [];
                earlier = options.JournalDirectory is { } directory ? ApplyJournal.FindIncomplete(directory,
                    snapshot.Description) : [];
                findings.AddRange(EarlierRunFindings(earlier, snapshot));
                applied = await Timed("apply", () => ApplyJournaledAsync(toSet, snapshot.Description,
                    cancellationToken)).ConfigureAwait(false);
                log.LogInformation("Apply: {Set} of {Planned} sequences set", applied.Set.Count, toSet.Count);
                var atPlan = options.SavedPlan is null ? [] : AtPlannedValue(toSet, snapshot);
                foreach (var name in applied.AlreadyAhead)
                {
                    findings.Add(atPlan.Contains(name)
                        ? Finding.Create(FindingCatalog.MovedDuringApply, "plan", name.ToString(), ("sequence", name))
                        : Finding.Create(FindingCatalog.MovedDuringApply, name.ToString(), ("sequence", name)));
                }
                if (!applied.Succeeded)
                {
                    // No verification: the report says what was set, and the remedy is a re-run.
                    findings.Add(Finding.Create(FindingCatalog.ApplyFailed, applied.FailedAt?.ToString() ?? "apply",
                        ("error", applied.Error!)));
                    return Report(command, ReportStatus.ApplyFailed, sourceRun, targetDescription, plan, findings,
                        applied, null, analysis);
                }
                // Every position and every key is read afresh, unindexed tables scanned again: rows
                // replayed since inspection (CDC) must be seen before the run may say verified.
                try
                {
                    reading = await Timed("verify", () => target.InspectAsync(entries, cancellationToken,
                        snapshot)).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or CutoverException && applied.Set.Count > 0)
                {
                    // Sequences were set but not proven: part-way, not blocked, and the report must say so.
                    var why = e is OperationCanceledException ? "interrupted before the read-back"
                        : $"read-back failed: {e.Message}";
                    log.LogError("Apply set {Count} sequence(s), then the {Why}", applied.Set.Count, why);
                    applied = applied with { Error = why };
                    findings.Add(Finding.Create(FindingCatalog.ApplyFailed, "read-back", "verify",
                        ("count", applied.Set.Count), ("why", why)));
                    return Report(command, ReportStatus.ApplyFailed, sourceRun, targetDescription, plan, findings,
                        applied, null, analysis);
                }
            }
            var recorded = command == StageCommand.Verify ? RecordedReferences(snapshot.Description) : null;
            var (results, verifyFindings) = Verifier.Verify(plan, reading, recorded);
            // Verified: the readings are not needed for the report (at many thousand, they are worth freeing).
            (reading, snapshot) = (null, null);
            verification = results;
            findings.AddRange(verifyFindings);
            status = plan.IsBlocked || results.Any(r => !r.Passed) ? ReportStatus.VerificationFailed
                : ReportStatus.Verified;
            if (status == ReportStatus.Verified)
            {
                foreach (var (path, _) in earlier)
                {
                    ApplyJournal.Update(path, j => j with { Status = JournalDocument.Superseded });
                }
            }
            log.LogInformation("Verify: {Passed} of {Total} sequences clear every key", results.Count(r => r.Passed),
                results.Count);
        }

        return Report(command, status, sourceRun, targetDescription, plan, findings, applied, verification, analysis);
    }

    /// <summary>
    /// inspect source → inspect target → plan: every reading and the plan made from it, nothing written.
    /// The source's sequences are not kept (at many thousand, they are worth freeing).
    /// </summary>
    public async Task<StageReading> ReadAsync(CancellationToken cancellationToken)
    {
        var catalog =
            await Timed("inspect source", () => source.ReadAsync(cancellationToken)).ConfigureAwait(false);
        log.LogInformation("Source: {Source}, {Count} sequences", catalog.Description, catalog.Sequences.Count);

        var analysis = SourceAnalysis.Analyze(catalog, config);
        var entries = analysis.Entries.ToList();
        if (config.SequenceAdvancement.Discover)
        {
            IReadOnlyList<string> schemas =
                [.. config.Target.Schemas.Concat(config.Source.SchemaMapping.Values).Distinct(StringComparer.Ordinal)];
            var discovered = await Timed("discover", () => target.DiscoverAsync(schemas,
                cancellationToken)).ConfigureAwait(false);
            SourceAnalysis.MergeDiscovered(entries, discovered);
        }
        // Counted once discovery is merged: a discovered schema of many thousand tables is a large run too.
        largeRun = LargeRun.Applies(Math.Max(catalog.Sequences.Count, entries.Count));
        var found = entries.Where(e => !e.IsConfigured).ToList();
        if (found.Count > 0)
        {
            log.LogInformation("{Count} keys mapped from source analysis or target discovery (origins in the report)",
                found.Count);
            foreach (var entry in found)
            {
                log.LogDebug("Mapped {Entry} from {Origin}", entry.Describe(), entry.Origin);
            }
        }
        var snapshot = await Timed("inspect target", () => target.InspectAsync(entries,
            cancellationToken)).ConfigureAwait(false);
        log.LogInformation("Target: {Target} (PostgreSQL {Version}), {Count} entries inspected", snapshot.Description,
            snapshot.ServerVersion, snapshot.Entries.Count);

        var plannedAt = clock.GetUtcNow();
        var plan = await Timed("plan", () => Task.FromResult(PlanOf(catalog, snapshot, plannedAt)))
            .ConfigureAwait(false);
        PlanDocument? document = null;
        if (options.SavedPlan is { } saved)
        {
            (catalog, plan) = Approved(saved, catalog, snapshot, plan);
        }
        else if (options.KeepPlanDocument)
        {
            document = SavedPlan.Create(config.FilePath, catalog, snapshot, plan, plannedAt);
        }
        log.LogInformation("Plan: {Advance} to advance, {Unchanged} unchanged, {Blocked} blocked",
            plan.Sequences.Count(s => s.Action == PlanAction.Advance),
            plan.Sequences.Count(s => s.Action == PlanAction.Unchanged),
            plan.Sequences.Count(s => s.Action == PlanAction.Blocked));
        foreach (var finding in plan.Findings.Where(f => f.Severity == Severity.Blocking))
        {
            // Most messages begin with their object: named once.
            if (finding.Message.StartsWith(finding.Object, StringComparison.Ordinal))
            {
                log.LogWarning("{Code} {Message}", finding.Code, finding.Message);
            }
            else
            {
                log.LogWarning("{Code} {Object}: {Message}", finding.Code, finding.Object, finding.Message);
            }
        }

        return new StageReading((catalog.Description, catalog.CapturedAt), analysis, entries, snapshot, plan,
            Finding.Ordered([.. catalog.Findings, .. analysis.Findings, .. plan.Findings]))
        {
            PlanDocument = document,
        };
    }

    /// <summary>apply --plan: the sequences already exactly where the plan sets them (an earlier apply of it).
    /// </summary>
    private static HashSet<QualifiedName> AtPlannedValue(IEnumerable<PlannedSequence> toSet, TargetSnapshot read)
    {
        var positions = read.Entries.Where(e => e.Sequence is not null).GroupBy(e => e.Sequence!.Name)
            .ToDictionary(g => g.Key, g => g.First().Sequence!);
        return [.. toSet.Where(r => r.Sequence is { } name && positions.TryGetValue(name, out var current)
            && PlanDrift.AlreadyApplied(r, current)).Select(r => r.Sequence!)];
    }

    private AdvancementPlan PlanOf(SourceCatalog catalog, TargetSnapshot snapshot, DateTimeOffset now) =>
        AdvancementPlanner.Plan(config.SequenceAdvancement, catalog, snapshot, config.Names,
            new PlanPolicy(options.Baseline, now, options.Strict, options.RequireQuiet));

    /// <summary>
    /// apply --plan: the plan re-derived from the plan file's own readings (the same planner, the plan's
    /// clock), so its values are exactly the approved ones, with a PLAN_DRIFT finding for every way the live
    /// readings no longer satisfy it, and any blocking finding the live readings raise besides.
    /// </summary>
    private (SourceCatalog Catalog, AdvancementPlan Plan) Approved(PlanDocument saved, SourceCatalog catalog,
        TargetSnapshot snapshot, AdvancementPlan live)
    {
        var plannedCatalog = SavedPlan.Planned(saved, catalog);
        var approved = PlanOf(plannedCatalog, SavedPlan.Planned(saved, snapshot), saved.PlannedAt);
        var now = new PlanLiveState(config.FilePath, SavedPlan.Digest(config.FilePath), catalog, snapshot, live);
        var drift = PlanDrift.Compare(saved, now, approved, options.MaxDrift ?? MaxDrift.Default);
        var raised = approved.Findings.Select(f => (f.Code, f.Object)).ToHashSet();
        var liveBlocking = live.Findings.Where(f => f.Severity == Severity.Blocking && !raised.Contains((f.Code,
            f.Object)));
        // The drift findings are blocking: logged with the plan's other blocking findings.
        log.LogInformation("Saved plan of {PlannedAt:u}: {Count} sequences, checked against the live readings " +
            "(--max-drift {MaxDrift}): {Drift} difference(s) refuse it", saved.PlannedAt, saved.Sequences.Count,
            options.MaxDrift ?? MaxDrift.Default, drift.Count);
        // The values are the plan's; what the source has issued since is stated and verified against as read now.
        var sourceNow = live.Sequences.Where(r => r.Sequence is not null).GroupBy(r => r.Sequence!)
            .ToDictionary(g => g.Key, g => g.First().SourceLast);
        return (plannedCatalog, approved with
        {
            Sequences = [.. approved.Sequences.Select(r => r.Sequence is { } name
                && sourceNow.TryGetValue(name, out var now) ? r with { SourceNow = now } : r)],
            Findings = [.. approved.Findings, .. drift, .. liveBlocking],
        });
    }

    /// <summary>
    /// verify: the reference and margin the latest completed apply on this target recorded per sequence
    /// (its journal, beside the reports), so the margin is judged against what apply knew rather than
    /// against keys the sequences issued since. Empty when no such journal is found.
    /// </summary>
    private Dictionary<QualifiedName, (BigInteger Reference, long Margin)> RecordedReferences(string target)
    {
        var recorded = new Dictionary<QualifiedName, (BigInteger, long)>();
        if (options.JournalDirectory is not { } directory || ApplyJournal.FindLatestCompleted(directory,
            target) is not { } latest)
        {
            log.LogInformation(
                "Margin: no completed apply journal for {Target} beside the report directory; " +
                "MARGIN_NOT_MET is not checked",
                target);
            return recorded;
        }
        foreach (var entry in latest.Journal.Sequences)
        {
            if (entry.Planned is { Reference: { } reference, Margin: { } margin })
            {
                recorded[entry.QualifiedName] = (reference, margin);
            }
        }
        log.LogInformation("Margin: measured against the apply journal {Path} (started {Started:u})", latest.Path,
            latest.Journal.StartedAt);
        return recorded;
    }

    /// <summary>Writes the journal (pre-states first, flushed), applies, and records the outcome in it.</summary>
    private async Task<ApplyResult> ApplyJournaledAsync(IReadOnlyList<PlannedSequence> toSet, string target,
        CancellationToken cancellationToken)
    {
        ApplyJournal? journal = null;
        if (options.JournalDirectory is { } where && toSet.Count > 0)
        {
            journal = ApplyJournal.Begin(Path.Combine(where, ApplyJournal.FileName), target, config.FilePath, toSet,
                clock.GetUtcNow());
            log.LogInformation("Journal {Path}: pre-state of {Count} sequences recorded", journal.Path, toSet.Count);
        }
        ApplyResult applied;
        try
        {
            applied = await applier.ApplyAsync(toSet, set => journal?.MarkSet(set),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (journal is not null)
        {
            // Refused before any write (an earlier run's writer still running, say): the journal says so
            // rather than staying "in progress".
            journal.Finish(JournalDocument.Failed, e.Message, clock.GetUtcNow());
            throw;
        }
        journal?.Finish(applied.Succeeded ? JournalDocument.Completed : JournalDocument.Failed, applied.Error,
            clock.GetUtcNow());
        return applied;
    }

    /// <summary>
    /// What earlier, interrupted applies on this target left: the journal lists what was confirmed;
    /// the positions just read say what the pending ones became (results arrive in buffered runs, and a
    /// kill loses the rest).
    /// </summary>
    private static IEnumerable<Finding> EarlierRunFindings(IReadOnlyList<(string Path,
        JournalDocument Journal)> earlier, TargetSnapshot snapshot)
    {
        var positions = snapshot.Entries.Where(e => e.Sequence is not null).GroupBy(e
            => e.Sequence!.Name).ToDictionary(g => g.Key, g => g.First().Sequence!);
        foreach (var (path, journal) in earlier)
        {
            var confirmed = journal.Sequences.Count(e => e.State == JournalEntry.Set);
            var reachedAnyway = journal.Sequences.Count(e => e.State == JournalEntry.Pending
                && positions.TryGetValue(e.QualifiedName, out var now)
                && e.PlannedReachedBy(now.NextValue));
            var notSet = journal.Sequences.Count - confirmed - reachedAnyway;
            yield return Finding.Create(FindingCatalog.EarlierApplyIncomplete, path,
                ("started", journal.StartedAt), ("status", journal.Status), ("error", journal.Error),
                ("total", journal.Sequences.Count), ("confirmed", confirmed), ("reached", reachedAnyway), ("notSet",
                    notSet));
        }
    }

    private CutoverReport Report(StageCommand command, ReportStatus status, (string Description,
        DateTimeOffset? CapturedAt) sourceRun, string targetDescription,
        AdvancementPlan plan, List<Finding> findings, ApplyResult? applied,
            IReadOnlyList<SequenceVerification>? verification,
        AnalysisResult analysis)
    {
        var ordered = Finding.Ordered(findings);
        // The one count of findings: the report's list, which the console summary also prints.
        log.LogInformation("Findings: {Total} ({Blocking} blocking, {Warning} warning, {Info} info)", ordered.Count,
            ordered.Count(f => f.Severity == Severity.Blocking), ordered.Count(f => f.Severity == Severity.Warning),
                ordered.Count(f => f.Severity == Severity.Info));
        return new(command.ToString().ToLowerInvariant(), status, clock.GetUtcNow(), config.FilePath,
            sourceRun.Description, sourceRun.CapturedAt,
            targetDescription, plan, ordered, applied, verification, [.. timings])
        {
            PostLoadDefaults = analysis.PostLoadDefaults,
            PlanDocument = planDocument,
            SavedPlan = options.SavedPlan is { } saved
                ? new SavedPlanUse(options.SavedPlanFile ?? "plan", saved.PlannedAt, saved.Config.Sha256,
                    (options.MaxDrift ?? MaxDrift.Default).ToString())
                : null,
        };
    }

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
            if (largeRun)
            {
                LargeRun.Compact();
            }
            log.LogDebug("Stage {Stage}: {Ms} ms; {Figures}", stage, watch.ElapsedMilliseconds, LargeRun.Figures());
        }
    }
}
