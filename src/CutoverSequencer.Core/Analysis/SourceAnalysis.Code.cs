using CutoverSequencer.Core.Analysis.PlSql;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Analysis;

/// <summary>Mappings read from column defaults and from stored code.</summary>
public static partial class SourceAnalysis
{
    /// <summary>The origin of a mapping read from a column's <c>DEFAULT seq.NEXTVAL</c> (12c+).</summary>
    public const string ColumnDefaultOrigin = "source column default";

    /// <summary>
    /// Columns whose DEFAULT (or DEFAULT ON NULL) is a known sequence's NEXTVAL, possibly wrapped (NVL,
    /// TO_NUMBER...); a computed default is not the sequence's value. Identity columns are read as such.
    /// </summary>
    private static IEnumerable<TableEntry> ColumnDefaults(SourceCatalog source, NameMapping names)
    {
        var identities = source.IdentityColumns.Select(i => (i.Owner, i.Table, i.Column)).ToHashSet();
        foreach (var column in source.Columns)
        {
            if (column.DataDefault is not { Length: > 0 } text || identities.Contains((column.Owner, column.Table,
                column.Column)))
            {
                continue;
            }
            var tokens = PlSqlLexer.Tokenize(text);
            var sequence = PlSqlExpression.Origins(tokens, 0, tokens.Count, new PlSqlScope(), inSql: true)
                .Where(o => o.Kind == PlSqlOriginKind.SequenceNextValue)
                .Select(o => SequenceNames.Resolve(o.Name, column.Owner, source.Sequences))
                .Distinct()
                .ToList();
            if (sequence is not [{ } fed])
            {
                continue;
            }
            yield return new TableEntry(names.Map(column.Owner, column.Table), names.Name(column.Column),
                names.Map(fed.Owner, fed.Name), null, Quoted(fed.Owner, fed.Name), column.Location)
            {
                Origin = ColumnDefaultOrigin,
            };
        }
    }

    /// <summary>
    /// A finding for each table, column and sequence that stored code inserts, with the entry to paste; the
    /// entry itself when the reading is certain, the INSERT names the column and discovery is on (a column two
    /// sequences feed is not mapped from code: which one is the key's cannot be read).
    /// </summary>
    private static IEnumerable<(TableEntry? Entry, Finding Finding)> StoredCode(
        SourceCatalog source, NameMapping names, bool discover)
    {
        var usages = RoutineAnalyzer.Analyze(source.Routines, source.Sequences);
        var sequencesPerColumn = usages.Where(u => u.Column is not null)
            .GroupBy(u => (u.TableOwner, u.Table, u.Column))
            .ToDictionary(g => g.Key, g => g.Select(u => u.Sequence).Distinct().Count());
        foreach (var group in usages.GroupBy(u => (u.TableOwner, u.Table, u.Column, u.Column is null ? u.Position : 0,
            u.Sequence)))
        {
            var all = group.ToList();
            var usage = all.FirstOrDefault(u => u.Confidence == MappingConfidence.Certain) ?? all[0];
            var certain = usage.Confidence == MappingConfidence.Certain;
            var table = names.Map(usage.TableOwner, usage.Table);
            var sequence = names.Map(usage.Sequence.Owner, usage.Sequence.Name);
            var routines = all.Select(u => u.Subprogram == u.Routine.Name
                ? $"{u.Routine.FullName} ({u.Routine.Type.ToLowerInvariant()})"
                : $"{u.Routine.FullName}.{u.Subprogram}").Distinct(StringComparer.Ordinal).ToList();
            var evidence = string.Join("; ", usage.Evidence);
            if (usage.Column is null)
            {
                yield return (null, Finding.Create(FindingCatalog.PlSqlSequenceUsage, "no column list",
                    $"{usage.TableOwner}.{usage.Table}", ("routines", routines), ("sequence", usage.Sequence.FullName),
                    ("table", $"{usage.TableOwner}.{usage.Table}"), ("position", usage.Position),
                    ("confidence", Confidence(usage.Confidence)), ("evidence", evidence)));
                continue;
            }
            var column = names.Name(usage.Column);
            var paste = $"- {{ table: {table}, pkColumn: {Identifier.Display(column)}, " +
                $"sourceSequence: {usage.Sequence.FullName} }}";
            var maps = certain && discover && sequencesPerColumn[(usage.TableOwner, usage.Table, usage.Column)] == 1;
            var name = $"{usage.TableOwner}.{usage.Table}.{usage.Column}";
            var finding = Finding.Create(FindingCatalog.PlSqlSequenceUsage, maps ? "mapped" : null, name,
                ("routines", routines), ("sequence", usage.Sequence.FullName), ("column", name),
                ("confidence", Confidence(usage.Confidence)), ("evidence", evidence), ("entry", paste)) with
            {
                Resolution = maps
                    ? "Mapped (discover: true, a certain reading). To keep it without discovery, or to change its " +
                        $"margin, list it under sequenceAdvancement.tables: {paste}"
                    : $"Review the evidence; to map it, add to sequenceAdvancement.tables: {paste}",
            };
            var entry = maps
                ? new TableEntry(table, column, sequence, null, Quoted(usage.Sequence.Owner, usage.Sequence.Name),
                    usage.Routine.Location)
                {
                    Origin = $"PL/SQL {routines[0]}",
                }
                : null;
            yield return (entry, finding);
        }
    }

    private static string Confidence(MappingConfidence confidence) =>
        confidence == MappingConfidence.Certain ? "certain" : "likely";
}
