using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Stage;
using Microsoft.Extensions.Logging;

namespace CutoverSequencer.Core.Rollback;

/// <summary>
/// <c>rollback</c>: checks the journal, takes the cutover lock, reads every journaled sequence,
/// decides (<see cref="RollbackPlanner"/>), restores or refuses, reads them all back, writes
/// rollback-report.* and marks the restored entries in the journal.
/// </summary>
public sealed class RollbackService(TimeProvider clock, ILogger log)
{
    /// <param name="connect">Creates the target once the journal and the report directory are settled.</param>
    public async Task<RollbackResult> RunAsync(RollbackRequest request, Func<ISequenceRestorer> connect,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(connect);
        var journalPath = Path.GetFullPath(request.JournalPath);
        if (Directory.Exists(journalPath))
        {
            throw new InvalidInputException(
                $"{journalPath}: is a directory; --journal takes the apply-journal.json file in it");
        }
        if (!File.Exists(journalPath))
        {
            throw new InvalidInputException($"{journalPath}: journal not found");
        }
        var journal = ApplyJournal.Read(journalPath);
        var directory = request.ReportDirectory ?? ReportWriter.NewDefaultDirectory("rollback", clock.GetUtcNow());
        var moved = ReportWriter.PrepareDirectory(directory, request.Force, clock.GetUtcNow());
        request.OnMoved?.Invoke(moved);
        // The journal itself may have been among the earlier files moved aside: it is updated where it went.
        journalPath = moved.GetValueOrDefault(journalPath, journalPath);

        await using var target = connect();
        if (journal.Target != target.Endpoint)
        {
            throw new InvalidInputException(
                $"{journalPath}: the journal is for {journal.Target}, the configuration targets {target.Endpoint}");
        }
        bool refused;
        IReadOnlyList<RollbackOutcome> outcomes;
        try
        {
            await using var applyLock = await target.LockAsync(request.LockTimeout, cancellationToken)
                .ConfigureAwait(false);
            (refused, outcomes) = await RestoreAsync(target, journal, request.Force, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new CutoverException(
                "rollback interrupted: the sequences logged as restored were restored, the rest were not; " +
                "run rollback again to finish", ExitCodes.ApplyFailedPartway, e);
        }
        var report = new RollbackReport(clock.GetUtcNow(), journalPath, target.Endpoint, request.ConfigFile,
            request.Force, refused,
            [.. outcomes.Select(o => new RollbackRow(o.Decision.Entry, o.Action, o.Found, o.ReadBack))]);
        RollbackReportWriter.Write(report, directory);
        if (!refused)
        {
            var restored = outcomes.Where(o => o.Restored).Select(o => o.Sequence).ToHashSet(StringComparer.Ordinal);
            ApplyJournal.Update(journalPath, j => j with
            {
                Status = JournalDocument.RolledBack,
                Sequences = [.. j.Sequences.Select(e =>
                    restored.Contains(e.Sequence) ? e with { State = JournalEntry.Restored } : e)],
            });
        }
        return new RollbackResult
        {
            Refused = refused, Outcomes = outcomes, ReportDirectory = directory, JournalPath = journalPath,
        };
    }

    /// <summary>
    /// Restores each journaled sequence to its pre-apply state. A sequence that moved since apply
    /// makes the whole rollback refuse, writing nothing, unless <paramref name="force"/>.
    /// </summary>
    private async Task<(bool Refused, IReadOnlyList<RollbackOutcome> Outcomes)> RestoreAsync(ISequenceRestorer target,
        JournalDocument journal, bool force, CancellationToken cancellationToken)
    {
        await using var session = await target.OpenRestoreAsync(cancellationToken).ConfigureAwait(false);
        var names = journal.Sequences.Select(e => e.QualifiedName).ToList();
        var positions = await session.ReadPositionsAsync(names, cancellationToken).ConfigureAwait(false);
        var decisions = RollbackPlanner.Decide(journal.Sequences, positions);
        var refused = RollbackPlanner.Refuses(decisions, force);
        if (!refused)
        {
            foreach (var decision in decisions.Where(RollbackPlanner.Writes))
            {
                var entry = decision.Entry;
                await session.RestoreAsync(entry, decision.Found!, cancellationToken).ConfigureAwait(false);
                log.LogInformation(
                    "Restored {Sequence} to last_value {Last}, is_called {Called}, increment {Increment}",
                    entry.Sequence, entry.Before.LastValue, entry.Before.IsCalled, entry.Before.Increment);
            }
        }
        // Every journaled sequence read again after the writes: the report shows what the server holds now.
        var after = await session.ReadPositionsAsync(names, cancellationToken).ConfigureAwait(false);
        return (refused, [.. decisions.Select(d => new RollbackOutcome(d, RollbackPlanner.Result(d, refused),
            after.GetValueOrDefault(d.Entry.QualifiedName)))]);
    }
}
