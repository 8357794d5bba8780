namespace CutoverSequencer.Core.Reporting;

public sealed record Table(IReadOnlyList<Column> Columns, IEnumerable<IReadOnlyList<IReadOnlyList<Inline>>> Rows)
    : Block;
