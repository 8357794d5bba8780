namespace CutoverSequencer.Core.Stage;

/// <summary>
/// Puts journaled sequences back to their pre-apply state; with the applier, the only role that writes.
/// </summary>
public interface ISequenceRestorer : IAsyncDisposable
{
    /// <summary>The target as the journal names it (no secrets).</summary>
    string Endpoint { get; }

    /// <summary>The same lock apply takes: one writer per target database at a time. Dispose to release.</summary>
    Task<IAsyncDisposable> LockAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels write statements of earlier, killed runs, then opens the one writing session that the
    /// rollback's reads and restores run on.
    /// </summary>
    Task<IRestoreSession> OpenRestoreAsync(CancellationToken cancellationToken);
}
