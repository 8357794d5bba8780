namespace CutoverSequencer.Core.Stage;

/// <summary>The writing session of one rollback: reads positions and restores sequences on it.</summary>
public interface IRestoreSession : ISequencePositionReader, IAsyncDisposable
{
    /// <summary>
    /// Restores the entry's pre-apply position and increment only if the sequence is still at
    /// <paramref name="now"/>; fails, changing nothing for it, if it moved meanwhile.
    /// </summary>
    Task RestoreAsync(JournalEntry entry, Sequences.SequenceReading now, CancellationToken cancellationToken);
}
