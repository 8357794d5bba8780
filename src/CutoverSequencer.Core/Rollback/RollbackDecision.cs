using CutoverSequencer.Core.Sequences;
using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Core.Rollback;

/// <summary>One journaled sequence, the position read before any write (null: missing) and what to do.</summary>
public sealed record RollbackDecision(JournalEntry Entry, SequenceReading? Found, RollbackAction Action)
{
    /// <summary>
    /// Moved or missing: lowering it could re-issue values already used, so the rollback refuses unless forced.
    /// </summary>
    public bool Blocks => Action is RollbackAction.Moved or RollbackAction.Missing;
}
