namespace CutoverSequencer.Core.Rollback;

/// <summary>What rollback decides for one journaled sequence from the position it reads now.</summary>
public enum RollbackAction
{
    /// <summary>Already at its pre-apply state (never moved by apply, or restored before): nothing to write.</summary>
    Unchanged,

    /// <summary>
    /// At the planned position: apply's write is the last that moved it, so
    /// restoring re-issues nothing.
    /// </summary>
    Restore,

    /// <summary>Neither at the planned nor at the pre-apply position: something moved it since apply.</summary>
    Moved,

    /// <summary>The sequence no longer exists.</summary>
    Missing,
}
