using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Stage;

/// <summary>Reads the current position and increment of named sequences.</summary>
public interface ISequencePositionReader
{
    /// <summary>A position per sequence that exists; a sequence that no longer exists is absent.</summary>
    Task<IReadOnlyDictionary<QualifiedName, Sequences.SequenceReading>> ReadPositionsAsync(
        IReadOnlyList<QualifiedName> sequences, CancellationToken cancellationToken);
}
