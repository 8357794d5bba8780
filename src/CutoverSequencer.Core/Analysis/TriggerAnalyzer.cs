using CutoverSequencer.Core.Analysis.PlSql;
using CutoverSequencer.Core.Model;

namespace CutoverSequencer.Core.Analysis;

/// <summary>
/// Finds the sequence-in-trigger pattern by following values through a BEFORE EACH ROW insert
/// trigger's code (a compound trigger's BEFORE EACH ROW section only): a sequence's NEXTVAL reaching
/// <c>:NEW.col</c> (or the REFERENCING name) directly, through SELECT ... INTO lists, variables,
/// NVL/NVL2/COALESCE/DECODE/CASE, branches an insert can take, nested blocks and local functions.
/// Comments and string literals are not code. AFTER and statement triggers, UPDATE- or DELETE-only
/// branches, CURRVAL, SYS_GUID, computed values (MAX+1, arithmetic) and names that are not known
/// sequences (and, when DBA_DEPENDENCIES was read, not among the trigger's dependencies) are not the
/// pattern. A key filled from a call that is not an Oracle built-in is reported as such. Pure.
/// </summary>
public static class TriggerAnalyzer
{
    public static IReadOnlyList<TriggerKeyPattern> Analyze(
        IReadOnlyList<SourceTrigger> triggers, IReadOnlyList<SourceSequence> sequences) =>
        AnalyzeAll(triggers, sequences).Patterns;

    public static TriggerAnalysis AnalyzeAll(
        IReadOnlyList<SourceTrigger> triggers, IReadOnlyList<SourceSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        ArgumentNullException.ThrowIfNull(sequences);
        var patterns = new List<TriggerKeyPattern>();
        var functions = new List<TriggerKeyFunction>();
        foreach (var trigger in triggers)
        {
            if (!trigger.TriggeringEvent.Contains("INSERT", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var type = trigger.TriggerType.ToUpperInvariant();
            if (type is not ("BEFORE EACH ROW" or "COMPOUND"))
            {
                continue;
            }
            var tokens = PlSqlLexer.Tokenize(trigger.Text);
            if (PlSqlTriggerText.RowCode(tokens, type == "COMPOUND") is not { } code)
            {
                continue;
            }
            var referencing = trigger.ReferencingNames is { } names ? PlSqlLexer.Tokenize(names) : [];
            var alias = PlSqlTriggerText.NewAlias(referencing)
                ?? PlSqlTriggerText.NewAlias(tokens) ?? "NEW";
            var writes = new PlSqlFlowAnalysis(trigger.Text, PlSqlTriggerText.OnInsert).Run(code)
                .Where(w => w.Bind == alias && w.Target.Count == 1)
                .ToList();
            Collect(trigger, writes, sequences, patterns, functions);
        }
        return new TriggerAnalysis(patterns, functions);
    }

    private static void Collect(SourceTrigger trigger, List<PlSqlWrite> writes, IReadOnlyList<SourceSequence> sequences,
        List<TriggerKeyPattern> patterns, List<TriggerKeyFunction> functions)
    {
        var found = new List<(PlSqlWrite Write, SourceSequence Sequence)>();
        foreach (var write in writes)
        {
            var origin = write.Origin;
            if (origin.Kind == PlSqlOriginKind.FunctionCall)
            {
                var name = origin.DottedName;
                if (KeyLike(write.Target[0], name)
                    && !functions.Any(f => f.Trigger == trigger && f.Column == write.Target[0] && f.Function == name))
                {
                    functions.Add(new TriggerKeyFunction
                    {
                        Trigger = trigger, Column = write.Target[0], Function = name, Evidence = origin.Evidence,
                    });
                }
                continue;
            }
            var sequence = SequenceNames.Resolve(origin.Name, trigger.Owner, sequences);
            // DBA_DEPENDENCIES is the compiler's own link: when read, the sequence must be in it.
            var linked = trigger.ReferencedSequences is null
                || (sequence is not null && trigger.ReferencedSequences.Contains(sequence.FullName));
            if (sequence is not null && linked)
            {
                found.Add((write, sequence));
            }
        }
        foreach (var column in found.Select(f => f.Write.Target[0]).Distinct(StringComparer.Ordinal))
        {
            var forColumn = found.Where(f => f.Write.Target[0] == column).ToList();
            var (write, sequence) = forColumn[0];
            var origin = write.Origin;
            var direct = origin.Wrappers.Count == 0 && origin.Variables.Count == 0 && !origin.Conditional
                && forColumn.All(f => f.Sequence == sequence);
            patterns.Add(new TriggerKeyPattern(trigger, column, sequence, Variant(write))
            {
                Confidence = direct && trigger.ReferencedSequences is not null
                    ? MappingConfidence.Certain
                    : MappingConfidence.Likely,
                Evidence = origin.Evidence,
            });
        }
    }

    /// <summary>How the value reaches the column; the direct forms keep the words the report has always used.</summary>
    internal static string Variant(PlSqlWrite write)
    {
        var origin = write.Origin;
        var select = write.Form == PlSqlWriteForm.SelectInto;
        var wrappers = string.Join("/", origin.Wrappers.Distinct(StringComparer.Ordinal));
        var nvl = origin.Wrappers.Count > 0 && origin.Wrappers.All(w => w is "NVL" or "COALESCE");
        if (origin.Variables.Count > 0)
        {
            var variable = origin.Variables[0];
            var inner = origin.FirstForm switch
            {
                PlSqlWriteForm.SelectInto => $"SELECT ... NEXTVAL INTO {variable}",
                PlSqlWriteForm.Return => $"{variable} returns NEXTVAL",
                _ => $"{variable} := NEXTVAL",
            };
            var outer = select ? $"SELECT ... INTO :NEW" : ":NEW := " + origin.Variables[^1];
            return wrappers.Length == 0 ? $"{outer}, {inner}" : $"{outer}, {inner}, through {wrappers}";
        }
        return (select, wrappers.Length == 0, nvl) switch
        {
            (true, true, _) => "SELECT ... NEXTVAL INTO :NEW",
            (false, true, _) => ":NEW := NEXTVAL",
            (true, _, true) => "SELECT NVL/COALESCE(...) INTO :NEW",
            (false, _, true) => ":NEW := NVL/COALESCE(:NEW, NEXTVAL)",
            (true, _, _) => $"SELECT {wrappers}(... NEXTVAL ...) INTO :NEW",
            _ => $":NEW := {wrappers}(... NEXTVAL ...)",
        };
    }

    /// <summary>A name that reads as a key: an ID, KEY, SEQ, NO, NUM, NBR, PK or NEXT part, or ...ID.</summary>
    private static bool KeyLike(string column, string function)
    {
        static bool Key(string name) =>
            name.EndsWith("ID", StringComparison.OrdinalIgnoreCase)
            || name.ToUpperInvariant().Split('_', '.', ' ')
                .Any(p => p is "ID" or "KEY" or "SEQ" or "NO" or "NUM" or "NBR" or "PK" or "NEXT");
        return Key(column) || Key(function);
    }
}
