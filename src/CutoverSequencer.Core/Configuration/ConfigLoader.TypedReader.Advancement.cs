using System.Globalization;
using System.Text.RegularExpressions;
using CutoverSequencer.Core.Naming;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CutoverSequencer.Core.Configuration;

public static partial class ConfigLoader
{
    /// <summary>The sequenceAdvancement section, and the typed values every section is read with.</summary>
    private sealed partial class TypedReader
    {
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
                    : Fail<decimal>("sequenceAdvancement:rateHeadroom",
                        $"'rateHeadroom' must be a number of at least 1, not '{h}'")
                : 2m;
            var headroomPercent = Text("sequenceAdvancement:keyHeadroom:percent") is { } pct
                ? double.TryParse(pct, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    && value is >= 0 and <= 100
                    ? value
                    : Fail<double>("sequenceAdvancement:keyHeadroom:percent",
                        $"'percent' must be a number from 0 to 100, not '{pct}'")
                : 10;
            return new AdvancementConfig(enabled, margin, entries)
            {
                HeadroomPercent = headroomPercent,
                HeadroomTime = Duration("sequenceAdvancement:keyHeadroom:time") ?? TimeSpan.FromDays(365),
                Discover = discover,
                Interleave = ReadInterleave(),
                CatchUpWindow = Duration("sequenceAdvancement:catchUpWindow"),
                RateHeadroom = headroom,
            };
        }

        /// <summary>A duration key (<see cref="DurationText"/>); null when absent.</summary>
        private TimeSpan? Duration(string key)
        {
            var text = Text(key);
            if (text is null)
            {
                return null;
            }
            return DurationText.Read(text, out var span) switch
            {
                DurationText.Outcome.Duration => span,
                DurationText.Outcome.TooLong => Fail<TimeSpan?>(key, $"'{Leaf(key)}' is '{text}', too long a duration"),
                DurationText.Outcome.NoUnit => Fail<TimeSpan?>(key,
                    $"'{Leaf(key)}' is '{text}' without a unit: write {text.Trim()}s for seconds or {text.Trim()}ms " +
                    $"for milliseconds (accepted: {DurationText.Forms})"),
                DurationText.Outcome.NotPositive => Fail<TimeSpan?>(key,
                    $"'{Leaf(key)}' must be longer than zero, not '{text}'"),
                _ => Fail<TimeSpan?>(key,
                    $"'{Leaf(key)}' is '{text}', not a duration (accepted: {DurationText.Forms})"),
            };
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
                    Errors.Add(
                        $"{Where("sequenceAdvancement:interleave")}: 'interleave' needs both 'nodes' and 'node'");
                }
                return null;
            }
            if (nodes > 1_000_000 || node > nodes)
            {
                return Fail<Interleave>("sequenceAdvancement:interleave:node",
                    $"'node' must be between 1 and nodes ({nodes}), not {node}");
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
                rate = double.TryParse(rateText, NumberStyles.Number, CultureInfo.InvariantCulture, out var r)
                       && r >= 0 && double.IsFinite(r)
                    ? r
                    : Fail<double?>(key + ":expectedInsertsPerHour",
                        $"'expectedInsertsPerHour' must be a number of at least 0, not '{rateText}'");
            }
            var (allocator, blockSize) = ReadAllocator(key);
            var acknowledged = ReadAcknowledged(key);
            return Errors.Count > errorsBefore
                ? null
                : new TableEntry(table, pkColumn, sequence, margin, sourceSequence, location)
                {
                    ExpectedInsertsPerHour = rate,
                    Allocator = allocator,
                    BlockSize = blockSize,
                    Acknowledged = acknowledged,
                };
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
            if (!long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign,
                    CultureInfo.InvariantCulture, out var value))
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
                return Fail<string>(key,
                    $"environment variable {string.Join(", ", missing)} is not set (used by '{Dotted(key)}')");
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
                    var part = end < 0 ? segment : segment[..end];
                    if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
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
}
