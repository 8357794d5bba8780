using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Stage;

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
