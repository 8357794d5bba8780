namespace CutoverSequencer.Oracle.Catalog;

/// <summary>A materialised dictionary row (from a live query), addressable by column name.</summary>
public sealed class ArrayRow(string location, IReadOnlyDictionary<string, int> columns, string?[] values) : CatalogRow
{
    public override string Location => location;

    public IReadOnlyList<string?> Values => values;

    public override string? Get(string column) =>
        columns.TryGetValue(column, out var i) && !string.IsNullOrEmpty(values[i]) ? values[i] : null;

    /// <summary>
    /// Every row of a data reader as strings: NUMBER columns arrive as text already (TO_CHAR 'TM9')
    /// where precision matters; the rest is formatted invariantly.
    /// </summary>
    public static CatalogTable ReadAll(System.Data.Common.DbDataReader reader, string file, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var names = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).ToUpperInvariant()).ToList();
        var index = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.OrdinalIgnoreCase);
        var rows = new List<CatalogRow>();
        while (reader.Read())
        {
            var values = new string?[names.Count];
            for (var i = 0; i < names.Count; i++)
            {
                values[i] = reader.IsDBNull(i)
                    ? null
                    : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }
            rows.Add(new ArrayRow($"{source} row {rows.Count + 1}", index, values));
        }
        return new CatalogTable(file, names, rows);
    }
}
