using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>Values read from catalog rows.</summary>
internal static class CatalogStrings
{
    /// <summary>
    /// Schema names, type names and key column names repeat across thousands of rows: one string each
    /// (a few hundred bytes per sequence otherwise, held until the report is written).
    /// </summary>
    public static string Shared(NpgsqlDataReader row, int ordinal) => string.Intern(row.GetString(ordinal));
}
