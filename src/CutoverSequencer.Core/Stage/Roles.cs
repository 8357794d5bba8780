using CutoverSequencer.Core.Sequences;
using System.Numerics;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Stage;

/// <summary>Reads the source side's sequence states (a live dictionary, an export, another PostgreSQL).</summary>
public interface ISourceCatalogReader
{
    Task<SourceCatalog> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>Reads the target's sequences, key columns and key extremes for the configured entries.</summary>
public interface ITargetInspector
{
    /// <param name="previous">
    /// An earlier reading of the same entries (apply's read-back): its name resolution is reused; every
    /// position and key is read again. Null: resolve and read everything.
    /// </param>
    Task<TargetSnapshot> InspectAsync(IReadOnlyList<TableEntry> entries, CancellationToken cancellationToken,
        TargetSnapshot? previous = null);

    /// <summary>
    /// Every column of these schemas fed by a sequence (nextval default, identity, OWNED BY), from the catalogs.
    /// </summary>
    Task<IReadOnlyList<TableEntry>> DiscoverAsync(IReadOnlyList<string> schemas, CancellationToken cancellationToken);
}

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

/// <summary>
/// What apply did. <see cref="Set"/> lists the sequences whose setval completed, in order; when
/// <see cref="Error"/> is set, the sequence it names and every one after it were not set.
/// </summary>
public sealed record ApplyResult(
    IReadOnlyList<QualifiedName> Set,
    QualifiedName? FailedAt,
    string? Error,
    bool NotPermitted = false)
{
    public bool Succeeded => Error is null;

    /// <summary>Sequences found already at or past their planned value at write time, left unchanged.</summary>
    public IReadOnlyList<QualifiedName> AlreadyAhead { get; init; } = [];

    /// <summary>The sequences were read back after the failure and none had moved: nothing was written.</summary>
    public bool NothingWritten { get; init; }

    /// <summary>The operator stopped the apply (Ctrl+C).</summary>
    public bool Interrupted { get; init; }
}

/// <summary>
/// The read-back proof for one sequence: the next value read back, against the highest key (lowest
/// when descending) and the source value. <see cref="NextValue"/> is null when the sequence could not
/// be read back.
/// </summary>
public sealed record SequenceVerification(
    string Sequence,
    BigInteger? NextValue,
    BigInteger? HighestKey,
    BigInteger? SourceLast,
    bool Passed)
{
    /// <summary>The sequence counts down: its next value must be below the keys and the source value.</summary>
    public bool Descending { get; init; }

    /// <summary>Multi-master: how the sequence misses its stride (null: it does not, or no stride).</summary>
    public StrideMiss? Stride { get; init; }

    /// <summary>The verdict, judged from the values on each call (not held: at many thousand rows it adds up).</summary>
    public VerificationVerdict Verdict => Verifier.Judge(NextValue, HighestKey, SourceLast, Descending, Stride);

    /// <summary>The proof in words (<see cref="Wording.VerificationWording"/>).</summary>
    public string Detail => Wording.VerificationWording.Describe(Verdict);
}

/// <summary>Reads the current position and increment of named sequences.</summary>
public interface ISequencePositionReader
{
    /// <summary>A position per sequence that exists; a sequence that no longer exists is absent.</summary>
    Task<IReadOnlyDictionary<QualifiedName, Sequences.SequenceReading>> ReadPositionsAsync(
        IReadOnlyList<QualifiedName> sequences, CancellationToken cancellationToken);
}

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

/// <summary>The writing session of one rollback: reads positions and restores sequences on it.</summary>
public interface IRestoreSession : ISequencePositionReader, IAsyncDisposable
{
    /// <summary>
    /// Restores the entry's pre-apply position and increment only if the sequence is still at
    /// <paramref name="now"/>; fails, changing nothing for it, if it moved meanwhile.
    /// </summary>
    Task RestoreAsync(JournalEntry entry, Sequences.SequenceReading now, CancellationToken cancellationToken);
}
