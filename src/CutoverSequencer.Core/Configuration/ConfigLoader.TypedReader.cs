using System.Globalization;
using CutoverSequencer.Core.Naming;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core.Events;

namespace CutoverSequencer.Core.Configuration;

public static partial class ConfigLoader
{
    /// <summary>Reads typed values from the layered configuration, naming where each came from.</summary>
    private sealed partial class TypedReader(
        IConfiguration configuration,
        YamlFlattener yaml,
        Dictionary<string, string> environment,
        IReadOnlyDictionary<string, string?>? overrides,
        string file,
        SourceKeyRuleSet kinds)
    {
        private List<string> Errors => yaml.Errors;

        public CutoverConfig? Read(string baseDirectory)
        {
            var source = ReadSource(baseDirectory);
            var target = ReadTarget();
            var advancement = ReadAdvancement(target?.Schema ?? "public");
            return source is null || target is null || advancement is null
                ? null
                : new CutoverConfig(file, source, target, advancement);
        }

        private SourceConfig? ReadSource(string baseDirectory)
        {
            var kindText = Text("source:kind");
            var kind = kindText is null
                ? Fail<SourceKeyRules?>("source:kind", $"'source.kind' is required ({kinds.NameList()})")
                : kinds.Find(kindText) ?? Fail<SourceKeyRules?>("source:kind",
                    $"'source.kind' is '{kindText}'; expected {kinds.NameList()}");
            if (kind is not null)
            {
                RefuseKeysWithoutEffect(kind);
            }
            bool Reads(string key) => kind?.Reads.Contains(key, StringComparer.Ordinal) == true;
            // With source.kind unknown the rest is still checked, by Oracle's naming rules.
            var naming = kind?.Naming ?? SourceNaming.Oracle;

            string? exportDirectory = null;
            if (Reads("exportDirectory"))
            {
                var raw = Text("source:exportDirectory");
                if (string.IsNullOrWhiteSpace(raw) && Missing("source:exportDirectory"))
                {
                    Require(kind!, "exportDirectory");
                }
                else if (raw is not null)
                {
                    exportDirectory = Path.GetFullPath(Path.Combine(baseDirectory, raw));
                    if (!Directory.Exists(exportDirectory))
                    {
                        Fail<string>("source:exportDirectory",
                            $"export directory '{raw}' does not exist (resolved to {exportDirectory})");
                    }
                }
            }

            string? connectionString = null;
            if (Reads("connectionString"))
            {
                connectionString = Text("source:connectionString");
                if (string.IsNullOrWhiteSpace(connectionString) && Missing("source:connectionString"))
                {
                    Require(kind!, "connectionString");
                }
                else if (kind!.PostgresConnectionString && connectionString is not null)
                {
                    // Another source's string stays as its driver takes it; a PostgreSQL one may be written
                    // the libpq way.
                    connectionString = PostgresConnection("source:connectionString", connectionString);
                }
            }

            var schemas = Children("source:schemas")
                .Select(k => Text(k))
                .Where(s => !string.IsNullOrWhiteSpace(s))
                .Select(s => ParseSchema(naming, s!))
                .ToList();
            var driverPath = Text("source:driverPath") is { Length: > 0 } driver
                ? Path.GetFullPath(Path.Combine(baseDirectory, driver))
                : null;
            var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var section in configuration.GetSection("source:schemaMapping").GetChildren())
            {
                try
                {
                    // Source owners follow the source's naming rules (Oracle folds to upper case).
                    mapping[naming.Owner(section.Key)] = Identifier.Parse(Text(section.Path) ?? "");
                }
                catch (FormatException e)
                {
                    Fail<string>(section.Path, $"'source.schemaMapping.{section.Key}': {e.Message}");
                }
            }
            var folding = Text("source:nameFolding")?.ToLowerInvariant() switch
            {
                null => naming.FoldsToLowerByDefault,
                "lower" => true,
                "preserve" => false,
                var other => Fail<bool>("source:nameFolding",
                    $"'source.nameFolding' is '{other}'; expected lower or preserve"),
            };
            return kind is null ? null : new SourceConfig(kind.Name, exportDirectory, connectionString, schemas)
            {
                DriverPath = driverPath,
                SchemaMapping = mapping,
                FoldNamesToLower = folding,
            };
        }

        private void Require(SourceKeyRules kind, string key)
        {
            if (kind.Requires.Contains(key, StringComparer.Ordinal))
            {
                Fail<string>($"source:{key}", $"'source.{key}' is required when source.kind is {kind.Name}");
            }
        }

        private string ParseSchema(SourceNaming naming, string text)
        {
            try
            {
                return naming.Schema(text);
            }
            catch (FormatException e)
            {
                return Fail<string>("source:schemas", $"'source.schemas': {e.Message}");
            }
        }

        private TargetConfig? ReadTarget()
        {
            var connectionString = Text("target:connectionString");
            if (string.IsNullOrWhiteSpace(connectionString) && Missing("target:connectionString"))
            {
                Fail<string>("target:connectionString", "'target.connectionString' is required");
            }
            else if (connectionString is not null)
            {
                connectionString = PostgresConnection("target:connectionString", connectionString);
            }
            var schemaText = Text("target:schema") ?? "public";
            string schema;
            try
            {
                schema = Identifier.Parse(schemaText);
            }
            catch (FormatException e)
            {
                return Fail<TargetConfig>("target:schema", $"'target.schema': {e.Message}");
            }
            var retries = Text("target:connectRetries") is { } r
                ? int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 20
                    ? n
                    : Fail<int>("target:connectRetries",
                        $"'connectRetries' must be a whole number from 0 to 20, not '{r}'")
                : 3;
            var parallelism = Text("target:maxParallelism") is { } p
                ? int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 64
                    ? m
                    : Fail<int>("target:maxParallelism",
                        $"'maxParallelism' must be a whole number from 1 to 64, not '{p}'")
                : Environment.ProcessorCount;
            var schemas = ReadTargetSchemas(schema);
            // Every value is read (and reported) even when the connection string already failed.
            var statementTimeout = Duration("target:statementTimeout");
            var lockTimeout = Duration("target:lockTimeout") ?? TimeSpan.FromSeconds(30);
            var writeLockTimeout = Duration("target:writeLockTimeout") ?? TimeSpan.FromSeconds(5);
            return connectionString is null ? null : new TargetConfig(connectionString, schema)
            {
                Schemas = schemas,
                MaxParallelism = parallelism,
                StatementTimeout = statementTimeout,
                LockTimeout = lockTimeout,
                WriteLockTimeout = writeLockTimeout,
                ConnectRetries = retries,
            };
        }

        /// <summary>target.schemas: PostgreSQL names, at least one, each once; default [target.schema].</summary>
        private List<string> ReadTargetSchemas(string defaultSchema)
        {
            var items = Children("target:schemas");
            if (items.Count == 0)
            {
                if (yaml.Lines.ContainsKey("target:schemas"))
                {
                    Fail<string>("target:schemas", "'target.schemas' is empty: list at least one schema, " +
                        "or leave it out to scan target.schema alone");
                }
                return [defaultSchema];
            }
            var result = new List<string>();
            foreach (var item in items)
            {
                var text = Text(item);
                if (string.IsNullOrWhiteSpace(text))
                {
                    Fail<string>(item, "'target.schemas' has an empty name");
                    continue;
                }
                string name;
                try
                {
                    name = Identifier.Parse(text);
                }
                catch (FormatException e)
                {
                    Fail<string>(item, $"'target.schemas': {e.Message}");
                    continue;
                }
                if (result.Contains(name, StringComparer.Ordinal))
                {
                    Fail<string>(item, $"'target.schemas' lists {Identifier.Display(name)} twice");
                    continue;
                }
                result.Add(name);
            }
            return result;
        }

        public Func<string, string?>? ConnectionStringCheck { get; init; }

        /// <summary>
        /// A PostgreSQL connection string in Npgsql form, from any of the forms its users write. The
        /// error names the key and where its value came from, never the value (it holds the password).
        /// </summary>
        private string? PostgresConnection(string key, string text)
        {
            string? problem;
            string converted = text;
            try
            {
                converted = PostgresConnectionString.ToNpgsql(text);
                problem = ConnectionStringCheck?.Invoke(converted);
            }
            catch (FormatException e)
            {
                problem = e.Message;
            }
            if (problem is null)
            {
                return converted;
            }
            var raw = configuration[key] ?? "";
            var variables = EnvReference().Matches(raw).Select(m => m.Value).ToList();
            var from = variables.Count > 0 ? $" (from {string.Join(", ", variables)})" : "";
            return Fail<string>(key, $"'{Dotted(key)}'{from} is not a valid PostgreSQL connection string: {problem}");
        }

        /// <summary>Keys the chosen source kind never reads: refused, so nobody believes they took effect.</summary>
        private void RefuseKeysWithoutEffect(SourceKeyRules kind)
        {
            foreach (var key in kinds.SourceKeys(ConfigSchema.SourceKeyOrder))
            {
                if (!kind.Reads.Contains(key, StringComparer.Ordinal)
                    && !kind.Ignores.Contains(key, StringComparer.Ordinal)
                    && Given($"source:{key}"))
                {
                    Fail<string>($"source:{key}",
                        $"'source.{key}' has no effect with source.kind {kind.Name}: {kinds.RefusalHint(kind, key)}");
                }
            }
        }

        /// <summary>True when some layer gives the key a value, or a list or mapping under it holds items.</summary>
        private bool Given(string key) =>
            !string.IsNullOrWhiteSpace(configuration[key]) || configuration.GetSection(key).GetChildren().Any();
    }
}
