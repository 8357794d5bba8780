using System.Globalization;
using CutoverSequencer.Core.Naming;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CutoverSequencer.Core.Configuration;

public static partial class ConfigLoader
{
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
                        Walk(events.Next(), child, Join(key, canonical),
                            path.Length == 0 ? canonical : $"{path}.{canonical}");
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
                        Walk(item, schema.Item!, Join(key, index.ToString(CultureInfo.InvariantCulture)),
                            $"{path}[{index}]");
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
                case ConfigSchema.NodeKind.Map or ConfigSchema.NodeKind.List or ConfigSchema.NodeKind.Dictionary
                    when node is Scalar empty && IsNull(empty):
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

        /// <summary>
        /// The parser reports a tab in indentation at the mapping it breaks: point at the tab instead.
        /// </summary>
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

        /// <summary>
        /// YamlDotNet's message without its "(Line: 2, Col: 9, Idx: 10) - (...): " prefix (the position is
        /// given already).
        /// </summary>
        private static string Describe(YamlException e)
        {
            var message = OneLine(e.Message);
            var prefix = YamlPositionPrefix().Match(message);
            message = prefix.Success ? message[prefix.Length..] : message;
            return message.Contains("found character that cannot start any token", StringComparison.OrdinalIgnoreCase)
                ? $"{message} (a tab used for indentation, or a character such as @ or ` starting a plain value: " +
                    "quote the value)"
                : message;
        }

        private static bool IsNull(Scalar scalar) =>
            scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

        private static string Join(string a, string b) => a.Length == 0 ? b : $"{a}:{b}";

        private static string Under(string path) => path.Length > 0 ? $" under '{path}'" : "";
    }
}
