using CutoverSequencer.Core.Analysis.PlSql;
using CutoverSequencer.Core.Model;

namespace CutoverSequencer.Core.Analysis;

/// <summary>
/// A BEFORE INSERT row trigger that fills a key column from a function or package call
/// (TRIGGER_KEY_FROM_FUNCTION).
/// </summary>
public sealed record TriggerKeyFunction
{
    public required SourceTrigger Trigger { get; init; }

    public required string Column { get; init; }

    /// <summary>The called name as Oracle stores it, e.g. <c>ID_PKG.NEXT_ID</c>.</summary>
    public required string Function { get; init; }

    public required IReadOnlyList<PlSqlEvidence> Evidence { get; init; }
}
