namespace CutoverSequencer.Oracle.Catalog;

/// <summary>One table of dictionary rows: the content of one export file.</summary>
public sealed record CatalogTable(string File, IReadOnlyList<string> Columns, IReadOnlyList<CatalogRow> Rows);
