using System.Text;
using CutoverSequencer.Oracle.Catalog;

namespace CutoverSequencer.Oracle.Export;

/// <summary>
/// Writes export tables as the CSV files the export reader reads (RFC 4180, header row, empty = NULL).
/// </summary>
public static class ExportWriter
{
    public static void Write(string directory, IEnumerable<CatalogTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        Directory.CreateDirectory(directory);
        foreach (var table in tables)
        {
            var sb = new StringBuilder();
            sb.AppendLine(string.Join(",", table.Columns.Select(Quote)));
            foreach (var row in table.Rows)
            {
                var values = row is ArrayRow array ? array.Values : table.Columns.Select(row.Get).ToList();
                sb.AppendLine(string.Join(",", values.Select(v => v is null ? "" : Quote(v))));
            }
            var path = Path.Combine(directory, table.File);
            File.WriteAllText(path + ".tmp", sb.ToString(), new UTF8Encoding(false));
            File.Move(path + ".tmp", path, overwrite: true);
        }
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
