using System.Data.Common;
using System.Text.RegularExpressions;

namespace CutoverSequencer.Oracle.Catalog;

/// <summary>
/// Which dictionary to read and which release-specific columns it has, decided from the field names of
/// <c>SELECT * FROM view WHERE 1 = 0</c> (probe_view.sql): the rule the live reader and the export script
/// share. A probe tells what the session can really read: ALL_VIEWS would show DBA_SEQUENCES to a user
/// with an object grant but not to one holding only SELECT ANY DICTIONARY.
/// </summary>
public static partial class DictionaryProbe
{
    /// <summary>The release-specific columns (12.1 to 23ai), each probed on its view.</summary>
    public static IReadOnlyList<ProbedColumn> Columns { get; } =
    [
        // SCALE_FLAG: 18c and later (scalable sequences). SESSION_FLAG: 12.1 and later.
        new("scale_flag", "SEQUENCES", true, "SCALE_FLAG", "s.scale_flag", "CAST(NULL AS VARCHAR2(1))",
            c => c.ScaleFlag),
        new("session_flag", "SEQUENCES", true, "SESSION_FLAG", "s.session_flag", "CAST(NULL AS VARCHAR2(1))",
            c => c.SessionFlag),
        // TAB_IDENTITY_COLS.SEQUENCE_NAME: 12.1.0.2 and later.
        new("identity_sequence", "TAB_IDENTITY_COLS", true, "SEQUENCE_NAME", "i.sequence_name",
            "CAST(NULL AS VARCHAR2(128))", c => c.IdentitySequence),
        // TAB_COLUMNS.DATA_DEFAULT_VC: 23ai; before it the default is only the LONG DATA_DEFAULT.
        new("data_default", "TAB_COLUMNS", true, "DATA_DEFAULT_VC", CatalogQueries.DataDefault(text: true),
            CatalogQueries.DataDefault(text: false), c => c.DataDefaultText),
        new("nextval_default", "TAB_COLUMNS", true, "DATA_DEFAULT_VC", CatalogQueries.NextvalDefault(text: true),
            CatalogQueries.NextvalDefault(text: false), c => c.DataDefaultText),
        // VERSION_FULL: 18c and later, where VERSION holds only the major release (19.0.0.0.0).
        new("db_version", "PRODUCT_COMPONENT_VERSION", false, "VERSION_FULL", "p.version_full", "p.version",
            c => c.VersionFull),
    ];

    /// <summary>The views whose columns <see cref="Choose"/> needs, for a dictionary prefix.</summary>
    public static IReadOnlyList<string> Views(string prefix) =>
        [.. Columns.Select(c => c.ViewName(prefix)).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The choice, from the columns each probed view returned (null: the view could not be read).
    /// </summary>
    public static DictionaryChoice Choose(string prefix, Func<string, IReadOnlyCollection<string>?> columnsOf)
    {
        ArgumentNullException.ThrowIfNull(columnsOf);
        var present = Columns
            .Where(c => columnsOf(c.ViewName(prefix))?.Contains(c.Column, StringComparer.OrdinalIgnoreCase) == true)
            .Select(c => c.Token)
            .ToHashSet(StringComparer.Ordinal);
        return new(prefix, present.Contains("scale_flag"), present.Contains("session_flag"),
            present.Contains("identity_sequence"))
        {
            DataDefaultText = present.Contains("data_default"),
            VersionFull = present.Contains("db_version"),
        };
    }

    /// <summary>The field names of a probe's (empty) result.</summary>
    public static IReadOnlyList<string> FieldNames(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).ToUpperInvariant())];
    }

    /// <summary>
    /// ORA-00942 (no such view for this user) or ORA-01031 (insufficient privileges): the view is not
    /// readable, so the probe answers "absent" rather than failing the run. ODP.NET's OracleException
    /// carries the number in <c>Number</c>; the message starts with it too.
    /// </summary>
    public static bool IsNotReadable(DbException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var number = exception.GetType().GetProperty("Number")?.GetValue(exception) as int?;
        return IsNotReadable(number, exception.Message);
    }

    public static bool IsNotReadable(int? number, string message) =>
        number is 942 or 1031 || NotReadable().IsMatch(message ?? "");

    [GeneratedRegex(@"\bORA-0(0942|1031)\b")]
    private static partial Regex NotReadable();
}
