using System.Globalization;
using System.Numerics;
using System.Text;

namespace CutoverSequencer.IntegrationTests.Invariants;

/// <summary>How a sequence feeds its key: the way the DDL was written.</summary>
internal enum FeedKind
{
    Explicit,
    Serial,
    IdentityByDefault,
    IdentityAlways,
}

/// <summary>How the source (export) value reaches the target sequence.</summary>
internal enum SourceLink
{
    None,
    ByName,
    BySourceSequence,
    ByIdentityColumn,
}

/// <summary>One target sequence as the generator built it, with everything the oracle needs to know.</summary>
internal sealed class SequenceSpec
{
    public required string Schema { get; init; }

    public required string Name { get; init; }

    public FeedKind Kind { get; init; }

    public long Increment { get; init; }

    public BigInteger Start { get; init; }

    public BigInteger Min { get; init; }

    public BigInteger Max { get; init; }

    /// <summary>smallint, integer or bigint (AS type).</summary>
    public string Type { get; init; } = "bigint";

    public List<TableSpec> Tables { get; } = [];

    /// <summary>The Oracle LAST_NUMBER exported for it, if any.</summary>
    public BigInteger? SourceValue { get; set; }

    public SourceLink Link { get; set; }

    public string? SourceOwner { get; set; }

    public string? SourceName { get; set; }

    /// <summary>Set (setval, true) before the run: the target is already ahead.</summary>
    public BigInteger? PresetLastValue { get; set; }

    /// <summary>Listed as a sequence-only entry in the configuration.</summary>
    public bool SequenceOnlyEntry { get; set; }

    public long? SequenceOnlyMargin { get; set; }

    public bool Descending => Increment < 0;

    public string Sql => $"{Scenario.Quote(Schema)}.{Scenario.Quote(Name)}";

    public string Display => $"{Schema}.{Name}";
}

/// <summary>One table fed by a sequence.</summary>
internal sealed class TableSpec
{
    public required string Schema { get; init; }

    public required string Name { get; init; }

    public required string Column { get; init; }

    /// <summary>smallint, integer, bigint or numeric.</summary>
    public required string KeyType { get; init; }

    public required SequenceSpec Sequence { get; init; }

    public bool Partitioned { get; init; }

    public bool Indexed { get; init; }

    public List<BigInteger> Keys { get; } = [];

    public bool HasNaN => NonFinite is not null;

    /// <summary>'NaN', 'Infinity' or '-Infinity' loaded into a numeric key.</summary>
    public string? NonFinite { get; set; }

    /// <summary>Listed in sequenceAdvancement.tables.</summary>
    public bool Configured { get; set; }

    public bool ConfigNamesSequence { get; set; }

    public long? EntryMargin { get; set; }

    public string? EntrySourceSequence { get; set; }

    public string Sql => $"{Scenario.Quote(Schema)}.{Scenario.Quote(Name)}";

    public string ColumnSql => Scenario.Quote(Column);

    public string Display => $"{Schema}.{Name}";
}

/// <summary>A generated cutover: DDL and loaded keys, Oracle export files, configuration.</summary>
internal sealed class Scenario
{
    public const string AppSchemaMixed = "Sales";

    public required int Seed { get; init; }

    public List<SequenceSpec> Sequences { get; } = [];

    public IEnumerable<TableSpec> Tables => Sequences.SelectMany(s => s.Tables);

    public SortedSet<string> Families { get; } = new(StringComparer.Ordinal);

    public long GlobalMargin { get; set; }

    public bool Discover { get; set; }

    /// <summary>Target schemas reached through source.schemaMapping (and so discovered too).</summary>
    public Dictionary<string, string> SchemaMapping { get; } = new(StringComparer.Ordinal);

    public List<string> ExtraSourceRows { get; } = [];

    public string Ddl { get; set; } = "";

    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Num(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Schemas the product discovers in: target.schema and the mapped ones.</summary>
    public IEnumerable<string> DiscoveredSchemas => new[] { "public" }.Concat(SchemaMapping.Values).Distinct(StringComparer.Ordinal);

    /// <summary>A name as written in the YAML: lower case plain, anything else double-quoted in single quotes.</summary>
    public static string YamlName(string name) =>
        name == name.ToLowerInvariant() && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            ? name
            : "'" + Quote(name).Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string YamlQualified(string schema, string name, bool qualifyPublic) =>
        schema == "public" && !qualifyPublic
            ? YamlName(name)
            : name == name.ToLowerInvariant() && schema == schema.ToLowerInvariant()
                ? $"{schema}.{name}"
                : "'" + (Quote(schema) + "." + Quote(name)).Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Keys(List<BigInteger> keys) =>
        keys.Count <= 20
            ? string.Join(',', keys.Select(k => Num(k)))
            : $"{keys.Count} keys: {string.Join(',', keys.Take(3).Select(k => Num(k)))},...,{string.Join(',', keys.TakeLast(3).Select(k => Num(k)))}";

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"families: {string.Join(", ", Families)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"discover: {Discover}, global margin: {GlobalMargin}, schemaMapping: {string.Join(", ", SchemaMapping.Select(m => m.Key + "->" + m.Value))}");
        foreach (var s in Sequences)
        {
            text.Append(CultureInfo.InvariantCulture, $"  sequence {s.Display} {s.Kind} {s.Type} inc {s.Increment} start {s.Start} [{s.Min}..{s.Max}]");
            text.Append(CultureInfo.InvariantCulture, $" source {(s.SourceValue is { } v ? Num(v) : "-")} via {s.Link} {s.SourceOwner}.{s.SourceName}");
            if (s.PresetLastValue is { } p)
            {
                text.Append(CultureInfo.InvariantCulture, $" preset {p}");
            }
            if (s.SequenceOnlyEntry)
            {
                text.Append(CultureInfo.InvariantCulture, $" sequence-only entry (margin {s.SequenceOnlyMargin?.ToString(CultureInfo.InvariantCulture) ?? "global"})");
            }
            text.AppendLine();
            foreach (var t in s.Tables)
            {
                text.AppendLine(
                    $"    table {t.Display}.{t.Column} {t.KeyType}{(t.Partitioned ? " partitioned" : "")}{(t.Indexed ? " pk" : " no index")} keys [{Keys(t.Keys)}]{(t.NonFinite is { } nf ? " +" + nf : "")}"
                    + (t.Configured ? $" configured(seq named: {t.ConfigNamesSequence}, margin {t.EntryMargin?.ToString(CultureInfo.InvariantCulture) ?? "global"}, sourceSequence {t.EntrySourceSequence ?? "-"})" : ""));
            }
        }
        return text.ToString();
    }
}
