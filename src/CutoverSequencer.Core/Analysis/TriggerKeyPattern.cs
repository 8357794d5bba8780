using CutoverSequencer.Core.Analysis.PlSql;
using CutoverSequencer.Core.Model;

namespace CutoverSequencer.Core.Analysis;

/// <summary>A BEFORE INSERT row trigger that fills a key column from a sequence (seed 7.4).</summary>
public sealed record TriggerKeyPattern(
    SourceTrigger Trigger,
    string Column,
    SourceSequence Sequence,
    string Variant)
{
    public MappingConfidence Confidence { get; init; } = MappingConfidence.Likely;

    /// <summary>The statements the value passed through, with their lines in the trigger's text.</summary>
    public IReadOnlyList<PlSqlEvidence> Evidence { get; init; } = [];
}
