using CutoverSequencer.Core.Analysis.PlSql;
using CutoverSequencer.Core.Model;

namespace CutoverSequencer.Core.Analysis;

/// <summary>
/// Stored code that inserts a sequence's NEXTVAL into a table (seed 7.1, Pattern B): the routine, the
/// table and column (null when the INSERT lists no columns: then <see cref="Position"/> says which value),
/// the sequence, and how sure the reading is.
/// </summary>
public sealed record RoutineKeyUsage
{
    public required SourceRoutine Routine { get; init; }

    /// <summary>The procedure or function inside the unit (the unit's name for its own code).</summary>
    public required string Subprogram { get; init; }

    public required string TableOwner { get; init; }

    public required string Table { get; init; }

    public string? Column { get; init; }

    public required int Position { get; init; }

    public required SourceSequence Sequence { get; init; }

    public required MappingConfidence Confidence { get; init; }

    /// <summary>The statements the value passed through, with their lines in the unit's text.</summary>
    public required IReadOnlyList<PlSqlEvidence> Evidence { get; init; }
}
