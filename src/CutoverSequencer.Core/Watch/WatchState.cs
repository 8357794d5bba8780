namespace CutoverSequencer.Core.Watch;

/// <summary>Where one sequence stands in one round (spelled by <see cref="WatchReportWriter.State"/>).</summary>
public enum WatchState
{
    /// <summary>The margin left is at or above the threshold.</summary>
    Ok,

    /// <summary>The margin left is under --threshold of the margin the plan gives it.</summary>
    Low,

    /// <summary>The next value is at or behind max(source, keys): the margin is used up.</summary>
    Exhausted,

    /// <summary>Neither a source value nor a key: nothing to measure the margin against.</summary>
    NoReference,

    /// <summary>The round's plan blocks this sequence (its findings say why): not measured.</summary>
    Blocked,

    /// <summary>The sequence's position could not be read this round (not found or not resolved).</summary>
    NotRead,
}
