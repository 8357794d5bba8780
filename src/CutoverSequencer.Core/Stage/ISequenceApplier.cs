using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Stage;

/// <summary>Moves the planned sequences; the only role that writes.</summary>
public interface ISequenceApplier
{
    /// <summary>
    /// One apply per target database at a time: waits up to <paramref name="timeout"/>, then fails
    /// naming the holder. Dispose to release.
    /// </summary>
    Task<IAsyncDisposable> LockAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// Sets each sequence only forward (compare and set on the server). <paramref name="onSet"/> is
    /// told, in order, which sequences were set as soon as it is known (for the journal).
    /// </summary>
    Task<ApplyResult> ApplyAsync(IReadOnlyList<PlannedSequence> sequences, Action<IReadOnlyList<QualifiedName>> onSet,
        CancellationToken cancellationToken);
}
