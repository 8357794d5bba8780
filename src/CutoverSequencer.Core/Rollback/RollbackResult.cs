namespace CutoverSequencer.Core.Rollback;

/// <summary>What a rollback run did, with the files it wrote.</summary>
public sealed class RollbackResult
{
    /// <summary>A sequence moved since apply (or is missing) and --force was not given: nothing was written.</summary>
    public required bool Refused { get; init; }

    /// <summary>One per journal entry, in journal order.</summary>
    public required IReadOnlyList<RollbackOutcome> Outcomes { get; init; }

    /// <summary>The directory rollback-report.* were written to.</summary>
    public required string ReportDirectory { get; init; }

    /// <summary>The journal as updated (where it went when --force moved it aside).</summary>
    public required string JournalPath { get; init; }

    public int Restored => Outcomes.Count(o => o.Restored);

    /// <summary>Moved or missing sequences: the ones that made the rollback refuse.</summary>
    public int Blocking => Outcomes.Count(o => o.Result is RollbackResultKind.Moved or RollbackResultKind.Missing);

    public int ExitCode => Refused ? ExitCodes.BlockedOrUnverified : ExitCodes.Done;
}
