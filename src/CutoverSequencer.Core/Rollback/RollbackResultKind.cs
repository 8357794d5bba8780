namespace CutoverSequencer.Core.Rollback;

/// <summary>What rollback did for one journaled sequence.</summary>
public enum RollbackResultKind
{
    Restored,

    /// <summary>Restored although it had moved since apply (--force).</summary>
    RestoredForced,

    Unchanged,

    /// <summary>Moved since apply; the rollback refused, nothing was written.</summary>
    Moved,

    Missing,

    /// <summary>Would have been restored; the rollback refused because of another sequence.</summary>
    WouldRestore,
}
