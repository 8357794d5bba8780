namespace CutoverSequencer.Core.Reporting;

public sealed record Table(IReadOnlyList<Column> Columns, IEnumerable<IReadOnlyList<IReadOnlyList<Inline>>> Rows)
    : Block
{
    /// <summary>HTML only: the mark of the row at an index (null: none).</summary>
    public Func<int, RowMark?>? Mark { get; init; }
}
