using CutoverSequencer.Core.Findings;

namespace CutoverSequencer.Core.Watch;

/// <summary>One round of the watch: every sequence's status and the findings the round raised.</summary>
public sealed record WatchRound(int Number, DateTimeOffset At, IReadOnlyList<WatchStatus> Sequences,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>A sequence's position went backwards since an earlier round: the watch stops (exit 1).</summary>
    public bool MovedBackwards => Findings.Any(f => f.Code == FindingCatalog.SequenceMovedBackwards);

    /// <summary>
    /// A margin alert (low, exhausted, runs out before the cutover time): what --fail-on low fails on.
    /// </summary>
    public bool MarginAlert => Findings.Any(f => WatchTracker.MarginAlerts.Contains(f.Code));

    /// <summary>Sequences whose margin is under the threshold or used up: what --re-advance advances.</summary>
    public IEnumerable<WatchStatus> UnderThreshold =>
        Sequences.Where(s => s.State is WatchState.Low or WatchState.Exhausted);
}
