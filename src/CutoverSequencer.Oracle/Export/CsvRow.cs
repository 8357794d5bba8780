using CutoverSequencer.Oracle.Catalog;

namespace CutoverSequencer.Oracle.Export;

/// <summary>One CSV data row.</summary>
internal sealed class CsvRow(string file, int line, IReadOnlyDictionary<string, int> columns, string[] fields)
    : CatalogRow
{
    public override string Location => $"{file}:{line}";

    public override string? Get(string column) =>
        columns.TryGetValue(column, out var i) && fields[i].Trim().Length > 0 ? fields[i] : null;
}
