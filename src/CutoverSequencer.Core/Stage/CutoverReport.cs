using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Stage;

/// <summary>One model of a run, rendered as Markdown, HTML and JSON.</summary>
public sealed record CutoverReport(
    string Command,
    ReportStatus Status,
    DateTimeOffset GeneratedAt,
    string ConfigFile,
    string Source,
    DateTimeOffset? SourceCapturedAt,
    string Target,
    AdvancementPlan Plan,
    IReadOnlyList<Finding> Findings,
    ApplyResult? Apply,
    IReadOnlyList<SequenceVerification>? Verification,
    IReadOnlyList<StageTiming> Timings)
{
    /// <summary>Column defaults that replace sequence-filling triggers, for review (post-load-defaults.sql).</summary>
    public IReadOnlyList<string> PostLoadDefaults { get; init; } = [];

    /// <summary>plan --out: the plan and its readings, written beside the reports (null unless asked for).</summary>
    public SavedPlans.PlanDocument? PlanDocument { get; init; }

    /// <summary>apply --plan: the saved plan whose values this run applied (null: planned from the readings).</summary>
    public SavedPlanUse? SavedPlan { get; init; }

    public int ExitCode => Status switch
    {
        ReportStatus.Planned or ReportStatus.Verified => ExitCodes.Done,
        // Exit 4 says "part-way": only when something may have been written.
        ReportStatus.ApplyFailed when Apply is { Set.Count: 0, NothingWritten: true, Interrupted: true }
            => ExitCodes.BlockedOrUnverified,
        ReportStatus.ApplyFailed when Apply is { Set.Count: 0 } and ({ NotPermitted: true } or { NothingWritten: true })
            => ExitCodes.CannotConnect,
        ReportStatus.ApplyFailed => ExitCodes.ApplyFailedPartway,
        // The database refused: a missing privilege or a statement timeout is "not permitted", not a plan problem.
        ReportStatus.Blocked when Findings.Where(f => f.Severity == Severity.Blocking).All(f => IsRefusal(f.Code))
            && Findings.Any(f => f.Severity == Severity.Blocking) => ExitCodes.CannotConnect,
        _ => ExitCodes.BlockedOrUnverified,
    };

    /// <summary>Blocking findings that mean the database refused the stage (exit code 3).</summary>
    public static bool IsRefusal(string code)
        => code is FindingCatalog.SequencePrivilegeMissing or FindingCatalog.KeyReadTimeout;

    // Built on first use, once, by whichever rendering asks first (the renderings run side by side).
    private HashSet<Naming.QualifiedName>? set;
    private Dictionary<string, SequenceVerification>? verified;

    public bool WasSet(PlannedSequence row) =>
        row.Sequence is not null && Apply is not null
        && LazyInitializer.EnsureInitialized(ref set, () => [.. Apply.Set]).Contains(row.Sequence);

    public SequenceVerification? VerificationOf(PlannedSequence row) =>
        Verification is null ? null
            : LazyInitializer.EnsureInitialized(ref verified,
                    () => Verification.GroupBy(v => v.Sequence, StringComparer.Ordinal).ToDictionary(g => g.Key, g
                        => g.First(), StringComparer.Ordinal))
                .GetValueOrDefault(row.Name);
}
