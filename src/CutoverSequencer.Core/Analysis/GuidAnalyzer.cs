using System.Text.RegularExpressions;
using CutoverSequencer.Core.Model;

namespace CutoverSequencer.Core.Analysis;

/// <summary>
/// Seed 7.5: <c>*_ID</c>, <c>*_GUID</c> and <c>*_UUID</c> columns of RAW(16)/RAW(32) or
/// VARCHAR2/CHAR of 32, 36 or 38 characters, confirmed only when every sampled value has a GUID's
/// shape. RFC 4122 version bits are not required: SYS_GUID does not set them.
/// </summary>
public static partial class GuidAnalyzer
{
    public static IReadOnlyList<GuidColumn> Analyze(
        IReadOnlyList<SourceColumn> columns,
        IReadOnlyList<SourceValueSample> samples)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(samples);
        var byColumn = samples
            .Where(s => !string.IsNullOrWhiteSpace(s.Value))
            .ToLookup(s => (s.Owner, s.Table, s.Column), s => s.Value!.Trim());
        var result = new List<GuidColumn>();
        foreach (var column in columns.Where(IsCandidate))
        {
            var values = byColumn[(column.Owner, column.Table, column.Column)].ToList();
            if (values.Count == 0)
            {
                continue;
            }
            var forms = values.Select(v => FormOf(v, column)).ToList();
            if (forms.Any(f => f is null))
            {
                continue;
            }
            result.Add(new GuidColumn(
                column,
                values.Count,
                [.. forms.Select(f => f!.Value).Distinct().Order()],
                values[0]));
        }
        return result;
    }

    public static bool IsCandidate(SourceColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (!KeyName().IsMatch(column.Column))
        {
            return false;
        }
        var type = column.DataType.ToUpperInvariant();
        return type switch
        {
            "RAW" => column.DataLength is 16 or 32,
            "VARCHAR2" or "CHAR" or "NVARCHAR2" or "NCHAR" or "VARCHAR" =>
                (column.CharLength ?? column.DataLength) is 32 or 36 or 38,
            _ => false,
        };
    }

    public static GuidForm? FormOf(string value, SourceColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (Hex32().IsMatch(value))
        {
            return string.Equals(column.DataType, "RAW", StringComparison.OrdinalIgnoreCase)
                ? GuidForm.Raw16
                : GuidForm.Hex32;
        }
        if (Dashed().IsMatch(value))
        {
            return GuidForm.Dashed36;
        }
        return Braced().IsMatch(value) ? GuidForm.Braced38 : null;
    }

    [GeneratedRegex(@"(^|_)(ID|GUID|UUID)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyName();

    [GeneratedRegex(@"^[0-9A-Fa-f]{32}$")]
    private static partial Regex Hex32();

    [GeneratedRegex(@"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")]
    private static partial Regex Dashed();

    [GeneratedRegex(@"^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$")]
    private static partial Regex Braced();
}
