using CutoverSequencer.Core.Analysis.PlSql;
using CutoverSequencer.Core.Model;

namespace CutoverSequencer.Core.Analysis;

/// <summary>
/// Finds stored code that inserts a sequence's NEXTVAL into a table (seed 7.1, Pattern B) by following
/// values through each subprogram: <c>SELECT seq.NEXTVAL INTO v FROM DUAL</c> or <c>v := seq.NEXTVAL</c>
/// then <c>INSERT INTO t (col, ...) VALUES (v, ...)</c>, NEXTVAL in VALUES or in an INSERT's SELECT list,
/// FORALL and MERGE inserts, RETURNING INTO, and functions (of the same package or of other units) that
/// return NEXTVAL. When one value is inserted into several tables, the first insert is the key and the
/// others are references to it (a child's foreign key), not keys. Pure.
/// </summary>
public static class RoutineAnalyzer
{
    public static IReadOnlyList<RoutineKeyUsage> Analyze(
        IReadOnlyList<SourceRoutine> routines, IReadOnlyList<SourceSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(routines);
        ArgumentNullException.ThrowIfNull(sequences);
        var units = routines
            .Select(r => (Routine: r, Block: PlSqlUnitText.Unit(PlSqlLexer.Tokenize(r.Text))))
            .Where(u => u.Block is not null)
            .ToList();
        var functions = Functions(units!, sequences);
        var usages = new List<RoutineKeyUsage>();
        foreach (var (routine, block) in units)
        {
            var callable = As(routine.Owner, functions);
            foreach (var (subprogram, writes) in new PlSqlFlowAnalysis(routine.Text)
                .RunUnit(routine.Name, block!, callable))
            {
                Collect(routine, subprogram, writes, callable, sequences, usages);
            }
        }
        return usages;
    }

    /// <summary>
    /// The functions as code of <paramref name="owner"/> names them: owner-qualified, and without the owner for
    /// its own schema's functions (the same package deployed in several schemas resolves to each one's own).
    /// </summary>
    public static Dictionary<string, IReadOnlyList<PlSqlOrigin>> As(
        string owner, IReadOnlyDictionary<string, IReadOnlyList<PlSqlOrigin>> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var names = new Dictionary<string, IReadOnlyList<PlSqlOrigin>>(functions, StringComparer.Ordinal);
        foreach (var (name, results) in functions)
        {
            if (name.StartsWith(owner + ".", StringComparison.Ordinal))
            {
                names[name[(owner.Length + 1)..]] = results;
            }
        }
        return names;
    }

    /// <summary>
    /// The sequence a stored function returns the NEXTVAL of, by owner-qualified name (OWNER.PKG.F, OWNER.F),
    /// when every value it returns is that sequence's.
    /// </summary>
    public static IReadOnlyDictionary<string, SourceSequence> SequenceFunctions(
        IReadOnlyList<SourceRoutine> routines, IReadOnlyList<SourceSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(routines);
        ArgumentNullException.ThrowIfNull(sequences);
        var units = routines
            .Select(r => (Routine: r, Block: PlSqlUnitText.Unit(PlSqlLexer.Tokenize(r.Text))))
            .Where(u => u.Block is not null)
            .Select(u => (u.Routine, u.Block!))
            .ToList();
        var result = new Dictionary<string, SourceSequence>(StringComparer.Ordinal);
        var partial = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, origins) in Functions(units, sequences, partial))
        {
            var returned = origins.Select(o => SequenceNames.Resolve(o.Name, "", sequences)).Distinct().ToList();
            if (returned is [{ } only] && !partial.Contains(name))
            {
                result[name] = only;
            }
        }
        return result;
    }

    /// <summary>
    /// Functions that return a sequence's NEXTVAL, by owner-qualified name (OWNER.PKG.F for a package member,
    /// OWNER.F for a standalone function), with the sequence qualified by its owner.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<PlSqlOrigin>> Functions(
        List<(SourceRoutine Routine, PlSqlBlock Block)> units, IReadOnlyList<SourceSequence> sequences,
        HashSet<string>? partial = null)
    {
        var functions = new Dictionary<string, IReadOnlyList<PlSqlOrigin>>(StringComparer.Ordinal);
        foreach (var (routine, block) in units)
        {
            var declared = block.Declarations.OfType<PlSqlSubprogram>().Where(s => s.IsFunction)
                .Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            var member = routine.Type.Contains("BODY", StringComparison.OrdinalIgnoreCase);
            foreach (var (name, writes) in new PlSqlFlowAnalysis(routine.Text).RunUnit(routine.Name, block))
            {
                var results = writes
                    .Where(w => w.Form == PlSqlWriteForm.Return && w.Origin.Kind == PlSqlOriginKind.SequenceNextValue)
                    .Select(w => SequenceNames.Resolve(w.Origin.Name, routine.Owner, sequences) is { } s
                        ? w.Origin with { Name = [s.Owner, s.Name] }
                        : null)
                    .OfType<PlSqlOrigin>()
                    .ToList();
                if (!declared.Contains(name) || results.Count == 0)
                {
                    continue;
                }
                var key = member ? $"{routine.Owner}.{routine.Name}.{name}" : $"{routine.Owner}.{name}";
                // Some RETURN gives something else (or a sequence not in the catalog): not only that sequence's.
                if (writes.Count(w => w.Form == PlSqlWriteForm.Return) != results.Count)
                {
                    partial?.Add(key);
                }
                functions.TryAdd(key, results);
            }
        }
        return functions;
    }

    private static void Collect(SourceRoutine routine, string subprogram, IReadOnlyList<PlSqlWrite> writes,
        Dictionary<string, IReadOnlyList<PlSqlOrigin>> functions, IReadOnlyList<SourceSequence> sequences,
        List<RoutineKeyUsage> usages)
    {
        // Where each value was made (its first statement) → the table its first insert went to.
        var keyOf = new Dictionary<PlSqlEvidence, (IReadOnlyList<string> Table, int Position, bool Conditional)>();
        foreach (var write in writes.Where(w => w.Form == PlSqlWriteForm.Insert))
        {
            var origin = write.Origin;
            if (origin.Kind != PlSqlOriginKind.SequenceNextValue || origin.Evidence.Count == 0)
            {
                continue;
            }
            // A value held in a variable and inserted again is a reference to the key its first insert made;
            // a function's value is made anew at each call, and an insert on one branch may exclude the other.
            var throughCall = origin.Variables.Any(v => v.EndsWith("()", StringComparison.Ordinal));
            var made = origin.Evidence[0];
            if (!throughCall && keyOf.TryGetValue(made, out var first))
            {
                if (!first.Conditional && (!first.Table.SequenceEqual(write.Table!)
                    || first.Position != write.Position))
                {
                    continue; // the same value stored again: a reference to the key, not a key
                }
            }
            else if (!throughCall)
            {
                keyOf[made] = (write.Table!, write.Position!.Value, origin.Conditional);
            }
            if (SequenceNames.Resolve(origin.Name, routine.Owner, sequences) is not { } sequence)
            {
                continue;
            }
            var throughFunction = origin.Variables.Any(v => functions.ContainsKey(v.TrimEnd('(', ')')));
            var listed = routine.ReferencedSequences?.Contains(sequence.FullName);
            if (listed == false && !throughFunction)
            {
                continue; // DBA_DEPENDENCIES is the compiler's own link: this name is not that sequence
            }
            var table = write.Table!;
            var (owner, name) = table.Count >= 2 ? (table[^2], table[^1]) : (routine.Owner, table[0]);
            var column = write.Target.Count == 1 ? write.Target[0] : null;
            if (usages.Any(u => u.Routine == routine && u.Subprogram == subprogram && u.TableOwner == owner
                && u.Table == name && u.Column == column && u.Position == write.Position && u.Sequence == sequence))
            {
                continue;
            }
            var direct = !origin.Conditional && origin.Wrappers.Count == 0 && !throughFunction
                && origin.Variables.Count <= 1;
            usages.Add(new RoutineKeyUsage
            {
                Routine = routine,
                Subprogram = subprogram,
                TableOwner = owner,
                Table = name,
                Column = column,
                Position = write.Position!.Value,
                Sequence = sequence,
                Confidence = direct && listed == true && column is not null
                    ? MappingConfidence.Certain
                    : MappingConfidence.Likely,
                Evidence = origin.Evidence,
            });
        }
    }
}
