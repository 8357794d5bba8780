using System.Globalization;
using System.Text;

namespace CutoverSequencer.IntegrationTests.Invariants;

/// <summary>The export CSV files and the YAML configuration of a scenario, as an operator would hand them over.</summary>
internal static class ScenarioFiles
{
    public static void WriteExport(Scenario scenario, string directory)
    {
        Directory.CreateDirectory(directory);
        var sequences = new StringBuilder();
        sequences.AppendLine("\"SEQUENCE_OWNER\",\"SEQUENCE_NAME\",\"MIN_VALUE\",\"MAX_VALUE\",\"INCREMENT_BY\",\"CYCLE_FLAG\",\"ORDER_FLAG\",\"CACHE_SIZE\",\"LAST_NUMBER\",\"SCALE_FLAG\",\"SESSION_FLAG\"");
        var identities = new StringBuilder();
        identities.AppendLine("\"OWNER\",\"TABLE_NAME\",\"COLUMN_NAME\",\"GENERATION_TYPE\",\"SEQUENCE_NAME\"");
        foreach (var sequence in scenario.Sequences.Where(s => s.SourceValue is not null && s.Link != SourceLink.None))
        {
            sequences.AppendLine(ScenarioGenerator.SourceRow(sequence.SourceOwner!, sequence.SourceName!, sequence.Increment, sequence.SourceValue!.Value));
            if (sequence.Link == SourceLink.ByIdentityColumn)
            {
                var table = sequence.Tables[0];
                identities.AppendLine(CultureInfo.InvariantCulture,
                    $"\"{sequence.SourceOwner}\",\"{Oracle(table.Name)}\",\"{Oracle(table.Column)}\",\"{(sequence.Kind == FeedKind.IdentityAlways ? "ALWAYS" : "BY DEFAULT")}\",\"{sequence.SourceName}\"");
            }
        }
        foreach (var row in scenario.ExtraSourceRows)
        {
            sequences.AppendLine(row);
        }
        File.WriteAllText(Path.Combine(directory, "sequences.csv"), sequences.ToString());
        File.WriteAllText(Path.Combine(directory, "identity_columns.csv"), identities.ToString());
        File.WriteAllText(Path.Combine(directory, "export_info.csv"), "\"CAPTURED_AT\",\"CURRENT_SCN\",\"DB_VERSION\"\n\"2026-11-20T23:58:12+00:00\",48213377102,\"19.0.0.0.0\"\n");
    }

    /// <summary>PostgreSQL rules: an unquoted name folds to lower case, so T5 names t5 (quoted names are left alone).</summary>
    private static string Shout(string yamlName, Random random) =>
        !yamlName.Contains('"', StringComparison.Ordinal) && random.NextDouble() < 0.2 ? yamlName.ToUpperInvariant() : yamlName;

    private static string Oracle(string name) => name == name.ToLowerInvariant() ? name.ToUpperInvariant() : name;

    public static string Config(Scenario scenario, string exportDirectory, string connectionString, string? writeLockTimeout = null)
    {
        var random = new Random(scenario.Seed * 7919 + 13);
        var yaml = new StringBuilder();
        yaml.AppendLine("source:");
        yaml.AppendLine("  kind: oracle-export");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  exportDirectory: \"{exportDirectory}\"");
        if (scenario.SchemaMapping.Count > 0)
        {
            yaml.AppendLine("  schemaMapping:");
            foreach (var (owner, schema) in scenario.SchemaMapping)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"    {owner}: {Scenario.YamlName(schema)}");
            }
        }
        yaml.AppendLine("target:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  connectionString: \"{connectionString}\"");
        yaml.AppendLine("  schema: public");
        if (writeLockTimeout is not null)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  writeLockTimeout: {writeLockTimeout}");
        }
        yaml.AppendLine("sequenceAdvancement:");
        yaml.AppendLine("  enabled: true");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  safetyMargin: {scenario.GlobalMargin}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  discover: {(scenario.Discover ? "true" : "false")}");
        var entries = new StringBuilder();
        foreach (var sequence in scenario.Sequences)
        {
            foreach (var table in sequence.Tables.Where(t => t.Configured))
            {
                var qualify = random.NextDouble() < 0.5;
                entries.AppendLine(CultureInfo.InvariantCulture, $"    - table: {Shout(Scenario.YamlQualified(table.Schema, table.Name, qualify), random)}");
                entries.AppendLine(CultureInfo.InvariantCulture, $"      pkColumn: {Shout(Scenario.YamlName(table.Column), random)}");
                if (table.ConfigNamesSequence)
                {
                    entries.AppendLine(CultureInfo.InvariantCulture, $"      sequence: {Scenario.YamlQualified(sequence.Schema, sequence.Name, random.NextDouble() < 0.5)}");
                }
                if (table.EntryMargin is { } margin)
                {
                    entries.AppendLine(CultureInfo.InvariantCulture, $"      safetyMargin: {margin}");
                }
                if (table.EntrySourceSequence is { } source)
                {
                    // Oracle rules: an unquoted name folds to upper case, so lower case must find the same sequence.
                    entries.AppendLine(CultureInfo.InvariantCulture, $"      sourceSequence: {(random.NextDouble() < 0.3 ? source.ToLowerInvariant() : source)}");
                }
            }
            if (sequence.SequenceOnlyEntry)
            {
                entries.AppendLine(CultureInfo.InvariantCulture, $"    - sequence: {Scenario.YamlQualified(sequence.Schema, sequence.Name, random.NextDouble() < 0.5)}");
                if (sequence.SequenceOnlyMargin is { } margin)
                {
                    entries.AppendLine(CultureInfo.InvariantCulture, $"      safetyMargin: {margin}");
                }
                if (sequence.Link == SourceLink.BySourceSequence)
                {
                    entries.AppendLine(CultureInfo.InvariantCulture, $"      sourceSequence: {sequence.SourceOwner}.{sequence.SourceName}");
                }
            }
        }
        if (entries.Length == 0)
        {
            yaml.AppendLine("  tables: []");
        }
        else
        {
            yaml.AppendLine("  tables:");
            yaml.Append(entries);
        }
        return yaml.ToString();
    }
}
