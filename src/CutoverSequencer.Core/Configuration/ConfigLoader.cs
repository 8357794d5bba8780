using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Sources;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CutoverSequencer.Core.Configuration;

/// <summary>
/// Loads the YAML configuration, layers <c>CUTOVER__SECTION__KEY</c> environment variables and
/// explicit overrides on top (Microsoft.Extensions.Configuration), and validates everything before
/// any connection is opened. Every problem is one line naming the file and line (or the variable).
/// </summary>
public static partial class ConfigLoader
{
    public const string EnvironmentPrefix = "CUTOVER__";

    /// <summary>A configuration is a page of YAML; anything this large is not one.</summary>
    public const long MaxConfigBytes = 16L * 1024 * 1024;

    /// <param name="kinds">The source kinds source.kind may name, with the keys each reads.</param>
    /// <param name="connectionStringCheck">
    /// Checks a PostgreSQL connection string (already in Npgsql form) against the driver's keywords;
    /// returns what is wrong without quoting any value, or null. Core has no driver: the caller passes it.
    /// </param>
    public static CutoverConfig Load(
        string path,
        SourceKindRegistry kinds,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Func<string, string?>? connectionStringCheck = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(kinds);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new InvalidInputException($"{path}: configuration file not found");
        }

        if (new FileInfo(fullPath).Length > MaxConfigBytes)
        {
            throw new InvalidInputException($"{path}: the configuration file is {new FileInfo(fullPath).Length / (1024 * 1024)} MB; the limit is {MaxConfigBytes / (1024 * 1024)} MB");
        }
        string text;
        try
        {
            text = File.ReadAllText(fullPath, StrictUtf8.Encoding);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            throw new InvalidInputException($"{path}: cannot read the configuration file: {e.Message}", e);
        }

        var schema = ConfigSchema.For(kinds);
        var flat = new YamlFlattener(path, schema);
        flat.Load(text);
        var environment = EnvironmentOverrides(flat.Errors, schema);

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(flat.Values)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();

        var reader = new TypedReader(configuration, flat, environment, overrides, path, kinds)
        {
            ConnectionStringCheck = connectionStringCheck,
        };
        var config = reader.Read(Path.GetDirectoryName(fullPath)!);
        if (flat.Errors.Count > 0)
        {
            throw new InvalidInputException(string.Join(Environment.NewLine, flat.Errors));
        }
        return config!;
    }

    /// <summary>CUTOVER__* variables, keyed by configuration path; unknown paths are errors.</summary>
    private static Dictionary<string, string> EnvironmentOverrides(List<string> errors, ConfigSchema root)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (!name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var key = name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal);
            var problem = ValidatePath(key, root);
            if (problem is not null)
            {
                errors.Add($"environment variable {name}: {problem}");
                continue;
            }
            result[key] = name;
        }
        return result;
    }

    private static string? ValidatePath(string key, ConfigSchema root)
    {
        var schema = root;
        var path = "";
        foreach (var segment in key.Split(':'))
        {
            if (schema.Kind == ConfigSchema.NodeKind.Dictionary)
            {
                schema = schema.Item!;
                path = $"{path}.{segment}";
                continue;
            }
            if (schema.Kind == ConfigSchema.NodeKind.List)
            {
                if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return $"'{path}' is a list: expected an index, not '{segment}'";
                }
                schema = schema.Item!;
            }
            else if (schema.Kind == ConfigSchema.NodeKind.Map)
            {
                if (!schema.TryGetChild(segment, out var canonical, out var child))
                {
                    var hint = schema.Suggest(segment) is { } s ? $" (did you mean '{s}'?)" : "";
                    return $"unknown key '{segment}'{(path.Length > 0 ? $" under '{path}'" : "")}{hint}";
                }
                schema = child;
                path = path.Length == 0 ? canonical : $"{path}.{canonical}";
                continue;
            }
            else
            {
                return $"'{path}' is a single value and has no key '{segment}'";
            }
            path = $"{path}[{segment}]";
        }
        return schema.Kind == ConfigSchema.NodeKind.Scalar ? null : $"'{path}' is not a single value";
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex YamlPositionPrefix();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex EnvReference();

    [GeneratedRegex(@"^(?:(?<d>\d+(?:\.\d+)?)d)?\s*(?:(?<h>\d+(?:\.\d+)?)h)?\s*(?:(?<m>\d+(?:\.\d+)?)m(?:in)?)?\s*(?:(?<s>\d+(?:\.\d+)?)s)?\s*(?:(?<ms>\d+(?:\.\d+)?)ms)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();

    /// <summary>
    /// Walks the YAML event stream against the schema, recording each value with its line. No document
    /// tree is built: a configuration listing tens of thousands of tables is read in one pass.
    /// </summary>
    private sealed class YamlFlattener(string file, ConfigSchema root)
    {
        private YamlEvents events = null!;

        public Dictionary<string, string?> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, int> Lines { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>For each list, the indexes of the items that hold a value.</summary>
        public Dictionary<string, List<int>> ListItems { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<string> Errors { get; } = [];

        public void Load(string text)
        {
            events = new YamlEvents(new Parser(new StringReader(text)));
            try
            {
                events.Next(); // stream start
                if (events.Next() is not DocumentStart)
                {
                    throw new InvalidInputException($"{file}: the configuration file is empty");
                }
                var first = events.Next();
                if (first is Scalar { Value: null or "" })
                {
                    throw new InvalidInputException($"{file}: the configuration file is empty");
                }
                Walk(first, root, "", "");
                events.Next(); // document end
                if (events.Next() is DocumentStart)
                {
                    Errors.Add($"{file}:{events.Next().Start.Line}: only one YAML document is allowed");
                }
            }
            catch (YamlException e)
            {
                var detail = e.InnerException is YamlException inner ? inner : e;
                var start = detail.Start.Line > 0 ? detail.Start : e.Start;
                var message = Describe(detail);
                var (line, column) = message.Contains("tab", StringComparison.OrdinalIgnoreCase)
                    ? FirstIndentingTab(text, (int)start.Line) ?? ((int)start.Line, (int)start.Column)
                    : ((int)start.Line, (int)start.Column);
                // An unclosed [ or { is found where the file ends: say where it was opened.
                var opened = events.OpenFlow is { } flow && message.Contains("flow", StringComparison.OrdinalIgnoreCase)
                    ? $" (the one opened at line {flow.Line}, column {flow.Column})"
                    : "";
                throw new InvalidInputException($"{file}:{line}:{column}: invalid YAML: {message}{opened}", e);
            }
            catch (InvalidOperationException e)
            {
                // Some malformed input trips the parser's own state checks instead of a YamlException:
                // the position is where the last well-formed part ended.
                var at = events.LastEnd;
                var problem = events.OpenFlow is { } flow
                    ? $"the [ or {{ opened at line {flow.Line}, column {flow.Column} is not closed"
                    : "the YAML ends before an open collection or quote is closed";
                throw new InvalidInputException($"{file}:{at.Line}:{at.Column}: invalid YAML: {problem}", e);
            }
        }

        private void Walk(ParsingEvent node, ConfigSchema schema, string key, string path)
        {
            var line = (int)node.Start.Line;
            switch (schema.Kind)
            {
                case ConfigSchema.NodeKind.Map when node is MappingStart:
                    if (key.Length > 0)
                    {
                        Lines[key] = line;
                    }
                    var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    var keys = new HashSet<string>(StringComparer.Ordinal);
                    for (var k = events.Next(); k is not MappingEnd; k = events.Next())
                    {
                        var name = KeyName(k, keys);
                        if (!schema.TryGetChild(name, out var canonical, out var child))
                        {
                            var where = Under(path);
                            var hint = schema.Suggest(name) is { } s ? $" (did you mean '{s}'?)" : "";
                            Errors.Add($"{file}:{k.Start.Line}: unknown key '{name}'{where}{hint}");
                            Skip(events.Next());
                            continue;
                        }
                        if (!seen.Add(canonical))
                        {
                            Errors.Add($"{file}:{k.Start.Line}: key '{canonical}'{Under(path)} appears twice");
                            Skip(events.Next());
                            continue;
                        }
                        Walk(events.Next(), child, Join(key, canonical), path.Length == 0 ? canonical : $"{path}.{canonical}");
                    }
                    if (keys.Count == 0 && key.Length > 0)
                    {
                        // Keep an empty mapping visible (a "- {}" list item must be reported, not skipped).
                        Values[key] = "";
                    }
                    break;
                case ConfigSchema.NodeKind.Dictionary when node is MappingStart:
                    Lines[key] = line;
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    for (var k = events.Next(); k is not MappingEnd; k = events.Next())
                    {
                        var name = KeyName(k, names);
                        Walk(events.Next(), schema.Item!, Join(key, name), $"{path}.{name}");
                    }
                    break;
                case ConfigSchema.NodeKind.List when node is SequenceStart:
                    Lines[key] = line;
                    var items = new List<int>();
                    var index = 0;
                    for (var item = events.Next(); item is not SequenceEnd; item = events.Next(), index++)
                    {
                        var before = Values.Count;
                        Walk(item, schema.Item!, Join(key, index.ToString(CultureInfo.InvariantCulture)), $"{path}[{index}]");
                        if (Values.Count > before)
                        {
                            items.Add(index);
                        }
                    }
                    ListItems[key] = items;
                    break;
                case ConfigSchema.NodeKind.Scalar when node is Scalar scalar:
                    Lines[key] = line;
                    Values[key] = IsNull(scalar) ? null : scalar.Value;
                    break;
                case ConfigSchema.NodeKind.Map or ConfigSchema.NodeKind.List or ConfigSchema.NodeKind.Dictionary when node is Scalar empty && IsNull(empty):
                    Lines[key] = line;
                    break;
                default:
                    var expected = schema.Kind switch
                    {
                        ConfigSchema.NodeKind.Map or ConfigSchema.NodeKind.Dictionary => "a mapping of keys",
                        ConfigSchema.NodeKind.List => "a list",
                        _ => "a single value",
                    };
                    Errors.Add($"{file}:{line}: '{path}' must be {expected}");
                    Skip(node);
                    break;
            }
        }

        /// <summary>A mapping key as text; the same key twice in one mapping is invalid YAML.</summary>
        private string KeyName(ParsingEvent key, HashSet<string> seen)
        {
            var name = (key as Scalar)?.Value ?? "";
            if (key is not Scalar)
            {
                Skip(key);
            }
            if (!seen.Add(name))
            {
                throw new YamlException(key.Start, key.End, $"Duplicate key '{name}'");
            }
            return name;
        }

        /// <summary>Reads past the rest of a node whose first event was <paramref name="node"/>.</summary>
        private void Skip(ParsingEvent node)
        {
            for (var depth = node.NestingIncrease; depth > 0; depth += events.Next().NestingIncrease)
            {
            }
        }

        /// <summary>The parser reports a tab in indentation at the mapping it breaks: point at the tab instead.</summary>
        private static (int Line, int Column)? FirstIndentingTab(string text, int fromLine)
        {
            var lines = text.Split('\n');
            for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
            {
                var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
                var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
                if (tab >= 0 && tab < indent)
                {
                    return (i + 1, tab + 1);
                }
            }
            return null;
        }

        /// <summary>YamlDotNet's message without its "(Line: 2, Col: 9, Idx: 10) - (...): " prefix (the position is given already).</summary>
        private static string Describe(YamlException e)
        {
            var message = OneLine(e.Message);
            var prefix = YamlPositionPrefix().Match(message);
            message = prefix.Success ? message[prefix.Length..] : message;
            return message.Contains("found character that cannot start any token", StringComparison.OrdinalIgnoreCase)
                ? $"{message} (a tab used for indentation, or a character such as @ or ` starting a plain value: quote the value)"
                : message;
        }

        private static bool IsNull(Scalar scalar) =>
            scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

        private static string Join(string a, string b) => a.Length == 0 ? b : $"{a}:{b}";

        private static string Under(string path) => path.Length > 0 ? $" under '{path}'" : "";
    }

    /// <summary>
    /// The parser's events with aliases expanded: an anchored node's events are recorded as they pass
    /// and replayed where an alias names it. An alias to no anchor is invalid YAML.
    /// </summary>
    private sealed class YamlEvents(IParser parser)
    {
        private readonly Dictionary<string, List<ParsingEvent>> anchors = new(StringComparer.Ordinal);
        private readonly List<Recording> recording = [];
        private readonly Queue<ParsingEvent> replay = new();

        /// <summary>Where the last event the parser delivered ended (for errors without a position).</summary>
        public Mark LastEnd { get; private set; } = Mark.Empty;

        /// <summary>Collections open at this point: their start, and whether they are flow style ([ ] or { }).</summary>
        private readonly Stack<(Mark Start, bool Flow)> open = new();

        /// <summary>The innermost open flow collection, if any.</summary>
        public Mark? OpenFlow => open.Where(o => o.Flow).Select(o => (Mark?)o.Start).FirstOrDefault();

        public ParsingEvent Next()
        {
            ParsingEvent next;
            var replayed = replay.Count > 0;
            if (replayed)
            {
                next = replay.Dequeue();
            }
            else
            {
                if (!parser.MoveNext())
                {
                    throw new InvalidOperationException("the YAML stream ended unexpectedly");
                }
                next = parser.Current!;
                LastEnd = next.End;
                switch (next)
                {
                    case SequenceStart sequence:
                        open.Push((next.Start, sequence.Style == SequenceStyle.Flow));
                        break;
                    case MappingStart mapping:
                        open.Push((next.Start, mapping.Style == MappingStyle.Flow));
                        break;
                    case SequenceEnd or MappingEnd when open.Count > 0:
                        open.Pop();
                        break;
                }
                if (next is AnchorAlias alias)
                {
                    if (!anchors.TryGetValue(alias.Value.Value, out var recorded))
                    {
                        throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value.Value} names no anchor defined before it");
                    }
                    foreach (var e in recorded)
                    {
                        replay.Enqueue(e);
                    }
                    next = replay.Dequeue();
                    replayed = true;
                }
            }
            for (var i = recording.Count - 1; i >= 0; i--)
            {
                var open = recording[i];
                open.Events.Add(next);
                open.Depth += next.NestingIncrease;
                if (open.Depth == 0)
                {
                    anchors[open.Anchor] = open.Events;
                    recording.RemoveAt(i);
                }
            }
            if (!replayed && next is NodeEvent { Anchor.IsEmpty: false } anchored)
            {
                if (next.NestingIncrease > 0)
                {
                    recording.Add(new Recording(anchored.Anchor.Value, [next]) { Depth = next.NestingIncrease });
                }
                else
                {
                    anchors[anchored.Anchor.Value] = [next];
                }
            }
            return next;
        }

        /// <summary>An anchored collection whose events are still arriving: open until its depth is back to zero.</summary>
        private sealed class Recording(string anchor, List<ParsingEvent> events)
        {
            public string Anchor { get; } = anchor;

            public List<ParsingEvent> Events { get; } = events;

            public int Depth { get; set; }
        }
    }

    /// <summary>Reads typed values from the layered configuration, naming where each came from.</summary>
    private sealed class TypedReader(
        IConfiguration configuration,
        YamlFlattener yaml,
        Dictionary<string, string> environment,
        IReadOnlyDictionary<string, string?>? overrides,
        string file,
        SourceKindRegistry kinds)
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
                ? Fail<SourceKind?>("source:kind", $"'source.kind' is required ({kinds.NameList()})")
                : kinds.Find(kindText) ?? Fail<SourceKind?>("source:kind",
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
                    // Another source's string stays as its driver takes it; a PostgreSQL one may be written the libpq way.
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

        private void Require(SourceKind kind, string key)
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
                    : Fail<int>("target:connectRetries", $"'connectRetries' must be a whole number from 0 to 20, not '{r}'")
                : 3;
            var parallelism = Text("target:maxParallelism") is { } p
                ? int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 64
                    ? m
                    : Fail<int>("target:maxParallelism", $"'maxParallelism' must be a whole number from 1 to 64, not '{p}'")
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
                    Fail<string>("target:schemas", "'target.schemas' is empty: list at least one schema, or leave it out to scan target.schema alone");
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
        private void RefuseKeysWithoutEffect(SourceKind kind)
        {
            foreach (var key in kinds.SourceKeys(ConfigSchema.SourceKeyOrder))
            {
                if (!kind.Reads.Contains(key, StringComparer.Ordinal) && !kind.Ignores.Contains(key, StringComparer.Ordinal)
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

        private AdvancementConfig? ReadAdvancement(string defaultSchema)
        {
            var enabled = Bool("sequenceAdvancement:enabled") ?? true;
            var discover = Bool("sequenceAdvancement:discover") ?? false;
            var margin = Margin("sequenceAdvancement:safetyMargin") ?? 10_000;
            var entries = new List<TableEntry>();
            var firstSeen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in Children("sequenceAdvancement:tables"))
            {
                var entry = ReadEntry(key, defaultSchema);
                if (entry is null)
                {
                    continue;
                }
                var identity = entry.Table is null ? $"sequence {entry.Sequence}" : $"{entry.Table}.{entry.PkColumn}";
                if (firstSeen.TryGetValue(identity, out var first))
                {
                    Errors.Add($"{entry.Location}: duplicate entry for {entry.Describe()} (first listed at {first})");
                    continue;
                }
                firstSeen[identity] = entry.Location;
                entries.Add(entry);
            }
            var headroom = Text("sequenceAdvancement:rateHeadroom") is { } h
                ? decimal.TryParse(h, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1m
                    ? parsed
                    : Fail<decimal>("sequenceAdvancement:rateHeadroom", $"'rateHeadroom' must be a number of at least 1, not '{h}'")
                : 2m;
            return new AdvancementConfig(enabled, margin, entries)
            {
                Discover = discover,
                Interleave = ReadInterleave(),
                CatchUpWindow = Duration("sequenceAdvancement:catchUpWindow"),
                RateHeadroom = headroom,
            };
        }

        /// <summary>The duration forms every duration key accepts, for error messages.</summary>
        private const string DurationForms = "200ms, 1.5s, 45s, 2m, 90m, 1h30m, 1d, or ISO 8601 such as PT30S, PT1H30M";

        /// <summary>
        /// A duration: 200ms, 1.5s, 2m, 1h30m, 1d, or ISO 8601 (PT30S). A bare number is refused: PostgreSQL
        /// reads 90 as milliseconds where a person may mean seconds.
        /// </summary>
        private TimeSpan? Duration(string key)
        {
            var text = Text(key);
            if (text is null)
            {
                return null;
            }
            var trimmed = text.Trim();
            var match = DurationPattern().Match(trimmed);
            TimeSpan? span = null;
            if (match.Success && match.Value.Length > 0 && match.Groups.Cast<Group>().Skip(1).Any(g => g.Success))
            {
                double Part(string name) => match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
                try
                {
                    span = TimeSpan.FromDays(Part("d")) + TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m"))
                        + TimeSpan.FromSeconds(Part("s")) + TimeSpan.FromMilliseconds(Part("ms"));
                }
                catch (OverflowException)
                {
                    return Fail<TimeSpan?>(key, $"'{Leaf(key)}' is '{text}', too long a duration");
                }
            }
            else if (trimmed.StartsWith('P') || trimmed.StartsWith('p') || trimmed.StartsWith("-P", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    span = System.Xml.XmlConvert.ToTimeSpan(trimmed.ToUpperInvariant());
                }
                catch (Exception e) when (e is FormatException or OverflowException)
                {
                    // Reported below with the accepted forms.
                }
            }
            else if (decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            {
                return Fail<TimeSpan?>(key, $"'{Leaf(key)}' is '{text}' without a unit: write {trimmed}s for seconds or {trimmed}ms for milliseconds (accepted: {DurationForms})");
            }
            if (span is null)
            {
                return Fail<TimeSpan?>(key, $"'{Leaf(key)}' is '{text}', not a duration (accepted: {DurationForms})");
            }
            return span > TimeSpan.Zero ? span : Fail<TimeSpan?>(key, $"'{Leaf(key)}' must be longer than zero, not '{text}'");
        }

        private Interleave? ReadInterleave()
        {
            var nodesText = Text("sequenceAdvancement:interleave:nodes");
            var nodeText = Text("sequenceAdvancement:interleave:node");
            if (nodesText is null && nodeText is null)
            {
                return null;
            }
            var nodes = Margin("sequenceAdvancement:interleave:nodes");
            var node = Margin("sequenceAdvancement:interleave:node");
            if (nodes is null || node is null)
            {
                if (nodesText is null || nodeText is null)
                {
                    Errors.Add($"{Where("sequenceAdvancement:interleave")}: 'interleave' needs both 'nodes' and 'node'");
                }
                return null;
            }
            if (nodes > 1_000_000 || node > nodes)
            {
                return Fail<Interleave>("sequenceAdvancement:interleave:node", $"'node' must be between 1 and nodes ({nodes}), not {node}");
            }
            return new Interleave((int)nodes, (int)node);
        }

        private TableEntry? ReadEntry(string key, string defaultSchema)
        {
            var location = Where(key);
            var errorsBefore = Errors.Count;
            var table = Name(key + ":table", defaultSchema);
            var column = Text(key + ":pkColumn");
            var sequence = Name(key + ":sequence", defaultSchema);
            var margin = Margin(key + ":safetyMargin");
            var sourceSequence = Text(key + ":sourceSequence");
            string? pkColumn = null;
            if (column is not null)
            {
                try
                {
                    pkColumn = Identifier.Parse(column);
                }
                catch (FormatException e)
                {
                    Fail<string>(key + ":pkColumn", $"'pkColumn': {e.Message}");
                }
            }

            if (Errors.Count > errorsBefore)
            {
                // A field already failed: its own error says it all.
            }
            else if (table is null && sequence is null)
            {
                Errors.Add($"{location}: a tables entry needs 'table' with 'pkColumn', or 'sequence'");
            }
            else if (table is not null && column is null)
            {
                Errors.Add($"{location}: entry for table {table} needs 'pkColumn'");
            }
            else if (table is null && column is not null)
            {
                Errors.Add($"{location}: 'pkColumn' is given without 'table'");
            }
            double? rate = null;
            if (Text(key + ":expectedInsertsPerHour") is { } rateText)
            {
                rate = double.TryParse(rateText, NumberStyles.Number, CultureInfo.InvariantCulture, out var r) && r >= 0 && double.IsFinite(r)
                    ? r
                    : Fail<double?>(key + ":expectedInsertsPerHour", $"'expectedInsertsPerHour' must be a number of at least 0, not '{rateText}'");
            }
            return Errors.Count > errorsBefore ? null : new TableEntry(table, pkColumn, sequence, margin, sourceSequence, location) { ExpectedInsertsPerHour = rate };
        }

        private QualifiedName? Name(string key, string defaultSchema)
        {
            var text = Text(key);
            if (text is null)
            {
                return null;
            }
            try
            {
                return QualifiedName.Parse(text, defaultSchema);
            }
            catch (FormatException e)
            {
                return Fail<QualifiedName>(key, $"'{Leaf(key)}': {e.Message}");
            }
        }

        private long? Margin(string key)
        {
            var text = Text(key);
            if (text is null)
            {
                return null;
            }
            if (!long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return Fail<long?>(key, $"'{Leaf(key)}' must be a whole number, not '{text}'");
            }
            if (value <= 0)
            {
                return Fail<long?>(key, $"'{Leaf(key)}' must be greater than zero, not {value}");
            }
            return value;
        }

        private bool? Bool(string key)
        {
            var text = Text(key);
            return text?.ToLowerInvariant() switch
            {
                null => null,
                "true" or "yes" or "on" => true,
                "false" or "no" or "off" => false,
                _ => Fail<bool?>(key, $"'{Leaf(key)}' must be true or false, not '{text}'"),
            };
        }

        /// <summary>The value with <c>${VAR}</c> references resolved; unset variables are errors.</summary>
        private string? Text(string key)
        {
            var raw = configuration[key];
            if (raw is null || !raw.Contains("${", StringComparison.Ordinal))
            {
                return raw;
            }
            var missing = new List<string>();
            var resolved = EnvReference().Replace(raw, m =>
            {
                var value = Environment.GetEnvironmentVariable(m.Groups[1].Value);
                if (value is null)
                {
                    missing.Add(m.Groups[1].Value);
                }
                return value ?? "";
            });
            if (missing.Count > 0)
            {
                return Fail<string>(key, $"environment variable {string.Join(", ", missing)} is not set (used by '{Dotted(key)}')");
            }
            return resolved;
        }

        /// <summary>True when no layer gives the key a value (as opposed to a value that failed to resolve).</summary>
        private bool Missing(string key) => string.IsNullOrWhiteSpace(configuration[key]);

        /// <summary>
        /// A list's item keys in order: the YAML's items, and any index an environment variable or an
        /// override adds (the layers' union, as the configuration sees it, without walking every key).
        /// </summary>
        private List<string> Children(string key)
        {
            var prefix = key + ":";
            var indexes = new SortedSet<int>(yaml.ListItems.GetValueOrDefault(key) ?? []);
            foreach (var layered in environment.Keys.Concat(overrides?.Keys ?? []))
            {
                if (layered.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    var segment = layered.AsSpan(prefix.Length);
                    var end = segment.IndexOf(':');
                    if (int.TryParse(end < 0 ? segment : segment[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        indexes.Add(index);
                    }
                }
            }
            return [.. indexes.Select(i => prefix + i.ToString(CultureInfo.InvariantCulture))];
        }

        private T Fail<T>(string key, string message)
        {
            Errors.Add($"{Where(key)}: {message}");
            return default!;
        }

        /// <summary>file:line for YAML values, the variable name for environment overrides.</summary>
        private string Where(string key)
        {
            if (overrides is not null && overrides.ContainsKey(key))
            {
                return $"override {Dotted(key)}";
            }
            if (environment.TryGetValue(key, out var variable))
            {
                return $"environment variable {variable}";
            }
            return yaml.Lines.TryGetValue(key, out var line) ? $"{file}:{line}" : file;
        }

        private static string Leaf(string key) => key[(key.LastIndexOf(':') + 1)..];

        private static string Dotted(string key) => key.Replace(':', '.');
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}

/// <summary>UTF-8 that refuses invalid bytes instead of silently replacing them.</summary>
public static class StrictUtf8
{
    public static readonly System.Text.Encoding Encoding = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true);
}
