using System.Globalization;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Analysis;

/// <summary>
/// Turns trigger patterns, identity columns, sequence column defaults and (with discover) stored code
/// that inserts NEXTVAL into mappings the configuration did not list (configured entries win), and GUID
/// key columns into findings. Pure.
/// </summary>
public static partial class SourceAnalysis
{
    public static AnalysisResult Analyze(SourceCatalog source, CutoverConfig config)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(config);
        var names = config.Names;
        var entries = new List<TableEntry>(config.SequenceAdvancement.Tables);
        var findings = new List<Finding>();
        var ddl = new List<string>();

        void AddMapping(TableEntry entry) => Merge(entries, [entry]);

        var triggers = TriggerAnalyzer.AnalyzeAll(source.Triggers, source.Sequences);
        var codeFunctions = RoutineAnalyzer.SequenceFunctions(source.Routines, source.Sequences);
        foreach (var call in triggers.Functions)
        {
            var trigger = call.Trigger;
            // A function of the stored code read that returns one sequence's NEXTVAL: the key is that sequence's.
            var returns = codeFunctions.GetValueOrDefault($"{trigger.Owner}.{call.Function}")
                ?? codeFunctions.GetValueOrDefault(call.Function);
            findings.Add(Finding.Create(FindingCatalog.TriggerKeyFromFunction, returns is null ? null : "resolved",
                trigger.FullName, ("trigger", trigger.FullName), ("table", $"{trigger.TableOwner}.{trigger.Table}"),
                ("column", call.Column), ("function", call.Function), ("sequence", returns?.FullName),
                ("evidence", string.Join("; ", call.Evidence))));
            if (returns is not null)
            {
                AddMapping(new TableEntry(names.Map(trigger.TableOwner, trigger.Table), names.Name(call.Column),
                    names.Map(returns.Owner, returns.Name), null, Quoted(returns.Owner, returns.Name), trigger.Location)
                {
                    Origin = $"trigger {trigger.FullName} through {call.Function}()",
                });
            }
        }
        foreach (var pattern in triggers.Patterns)
        {
            var trigger = pattern.Trigger;
            var table = names.Map(trigger.TableOwner, trigger.Table);
            var column = names.Name(pattern.Column);
            var sequence = names.Map(pattern.Sequence.Owner, pattern.Sequence.Name);
            var statement = $"ALTER TABLE {table} ALTER COLUMN {Identifier.Display(column)} " +
                $"SET DEFAULT nextval({Literal(sequence.ToString())});";
            ddl.Add($"-- {trigger.FullName} ({(trigger.Enabled ? "enabled" : "DISABLED")}, {pattern.Variant})\n" +
                statement);
            findings.Add(Finding.Create(FindingCatalog.TriggerSequencePattern, trigger.FullName,
                ("trigger", trigger.FullName), ("type", trigger.TriggerType.ToLowerInvariant()),
                ("state", trigger.Enabled ? "enabled" : "disabled"),
                ("column", $"{trigger.TableOwner}.{trigger.Table}.{pattern.Column}"),
                ("sequence", pattern.Sequence.FullName), ("variant", pattern.Variant),
                ("confidence", Confidence(pattern.Confidence)),
                ("evidence", pattern.Evidence.Count == 0 ? null : string.Join("; ", pattern.Evidence)),
                ("disabled", trigger.Enabled ? null : "")) with
            {
                Resolution = "Replace the trigger with a column default after the load (also in " +
                    $"post-load-defaults.sql): {statement}",
            });
            var sourceName = Quoted(pattern.Sequence.Owner, pattern.Sequence.Name);
            AddMapping(new TableEntry(table, column, sequence, null, sourceName, trigger.Location)
            {
                Origin = $"trigger {trigger.FullName}",
            });
        }

        foreach (var identity in source.IdentityColumns.Where(i => i.SequenceName is not null))
        {
            var table = names.Map(identity.Owner, identity.Table);
            var sourceName = Quoted(identity.Owner, identity.SequenceName!);
            AddMapping(new TableEntry(table, names.Name(identity.Column), null, null, sourceName, identity.Location)
            {
                Origin = $"identity column {identity.Owner}.{identity.Table}.{identity.Column}",
            });
        }

        foreach (var entry in ColumnDefaults(source, names))
        {
            AddMapping(entry);
        }
        foreach (var (entry, finding) in StoredCode(source, names, config.SequenceAdvancement.Discover))
        {
            findings.Add(finding);
            if (entry is not null)
            {
                AddMapping(entry);
            }
        }

        foreach (var guid in GuidAnalyzer.Analyze(source.Columns, source.Samples))
        {
            findings.Add(GuidFinding(guid, names));
        }

        return new AnalysisResult(entries, findings, ddl);
    }

    /// <summary>
    /// Adds the entries whose table and column are not already mapped: what is there first wins. An
    /// entry already there for the same table and column that names no source sequence takes the one
    /// the new entry knows (a configured entry listed only for its own margin keeps the value source
    /// analysis found: dropping it would plan below what the source issued).
    /// </summary>
    public static void Merge(List<TableEntry> entries, IEnumerable<TableEntry> more)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(more);
        var mapped = new Dictionary<(QualifiedName, string?), int>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Table is { } table)
            {
                mapped.TryAdd((table, entries[i].PkColumn), i);
            }
        }
        foreach (var entry in more)
        {
            if (entry.Table is null)
            {
                entries.Add(entry);
            }
            else if (mapped.TryGetValue((entry.Table, entry.PkColumn), out var at))
            {
                if (entries[at].SourceSequence is null && entry.SourceSequence is not null)
                {
                    entries[at] = entries[at] with
                    {
                        SourceSequence = entry.SourceSequence,
                        SourceOrigin = entry.Origin,
                    };
                }
            }
            else
            {
                mapped.Add((entry.Table, entry.PkColumn), entries.Count);
                entries.Add(entry);
            }
        }
    }

    /// <summary>
    /// Adds what target discovery found. A column already mapped keeps its entry; when discovery shows
    /// the column's default (or identity) calls another sequence than the one mapped, that sequence is
    /// added too, with the source sequence the mapping knows: it is what the application's inserts
    /// will call, so it must be past the keys and the source value as well.
    /// </summary>
    public static void MergeDiscovered(List<TableEntry> entries, IEnumerable<TableEntry> discovered)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(discovered);
        var byColumn = entries.Where(e => e.Table is not null).ToLookup(e => (e.Table!, e.PkColumn));
        var added = new List<TableEntry>();
        foreach (var entry in discovered)
        {
            var mapped = byColumn[(entry.Table!, entry.PkColumn)].ToList();
            if (mapped.Count == 0)
            {
                added.Add(entry);
            }
            else if (mapped.All(e => e.Sequence is not null && e.Sequence != entry.Sequence))
            {
                var known = mapped.FirstOrDefault(e => e.SourceSequence is not null);
                added.Add(known is null ? entry : entry with
                {
                    SourceSequence = known.SourceSequence,
                    SourceOrigin = known.SourceOrigin ?? known.Origin,
                });
            }
        }
        entries.AddRange(added);
    }

    private static Finding GuidFinding(GuidColumn guid, NameMapping names)
    {
        var c = guid.Column;
        var table = names.Map(c.Owner, c.Table);
        var column = Identifier.Display(names.Name(c.Column));
        var length = (c.CharLength ?? c.DataLength)?.ToString(CultureInfo.InvariantCulture);
        var type = c.DataType.ToUpperInvariant() == "RAW"
            ? $"RAW({c.DataLength})"
            : $"{c.DataType.ToUpperInvariant()}({length})";
        var forms = string.Join(", ", guid.Forms.Select(f => f switch
        {
            GuidForm.Hex32 => "32 hex digits",
            GuidForm.Raw16 => "RAW(16) bytes",
            GuidForm.Dashed36 => "36 characters with dashes",
            _ => "38 characters with braces",
        }));
        // PostgreSQL's uuid input accepts 32 hex digits, dashed and braced forms alike.
        var conversion = guid.Forms.Contains(GuidForm.Raw16)
            ? $"ALTER TABLE {table} ALTER COLUMN {column} TYPE uuid USING encode({column}, 'hex')::uuid;"
            : $"ALTER TABLE {table} ALTER COLUMN {column} TYPE uuid USING {column}::uuid;";
        var name = $"{c.Owner}.{c.Table}.{c.Column}";
        return Finding.Create(FindingCatalog.UuidColumn, name, ("column", name), ("type", type),
            ("samples", guid.SampleCount), ("forms", forms), ("example", guid.Example)) with
        {
            Resolution = "Option 1 (default, safest): keep it as text, values preserved exactly. " +
                $"Option 2: convert to uuid after the load: {conversion}",
        };
    }

    private static string Quoted(string owner, string name) => $"\"{owner}\".\"{name}\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
