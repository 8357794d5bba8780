using System.Globalization;
using System.Numerics;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using Humanizer;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// Decides every sequence's new value from the source and target readings. Pure: no I/O.
/// For an ascending sequence <c>new = MAX(source last, target max) + margin</c>, moved up onto the
/// sequence's step grid and never below where the sequence already is; descending mirrors it.
/// </summary>
public static class AdvancementPlanner
{
    /// <param name="names">How source names map to target names; default: fold to lower case, one schema.</param>
    /// <param name="rates">Baseline and reading time for the rate-aware margin; null: no measured rates.</param>
    public static AdvancementPlan Plan(AdvancementConfig settings, SourceCatalog source, TargetSnapshot target, NameMapping? names = null, PlanPolicy? rates = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);

        var findings = new List<Finding>();
        var rows = new List<PlannedSequence>();
        var matchedSource = new HashSet<SourceSequence>();
        names ??= NameMapping.Default("public");
        var lookup = new SourceLookup(source, names);

        if (target.Entries.Count == 0)
        {
            findings.Add(Finding.Of(FindingCatalog.NothingConfigured, "sequenceAdvancement.tables",
                "No tables or sequences are configured, and source analysis found none."));
        }

        foreach (var broken in target.Entries.Where(e => !e.IsResolved))
        {
            // Found by analysis but without its table or column: the table may simply not have been
            // migrated. A found column the catalog shows fed by a resolved sequence is different: the
            // sequence will issue into it, so a problem with it blocks like a configured one.
            if (!broken.Entry.IsConfigured && broken.Sequence is null)
            {
                // Found by analysis, not asked for: the table may simply not have been migrated.
                findings.Add(Finding.Of(FindingCatalog.DiscoveredMappingUnresolved, broken.Entry.Describe(),
                    $"{broken.Entry.Describe()} (from {broken.Entry.Origin}) is not advanced: {string.Join(" ", broken.Problems.Select(p => p.Message))}"));
                if (broken.Entry.SourceSequence is { } name && lookup.Explicit(name) is { } accounted)
                {
                    matchedSource.Add(accounted);
                }
                continue;
            }
            foreach (var problem in broken.Problems)
            {
                findings.Add(Finding.Of(problem.Code, problem.Object, problem.Message, problem.Resolution));
            }
            rows.Add(Blocked(broken.Entry.Sequence?.ToString() ?? broken.Entry.Describe(), broken.Entry.Sequence,
                [broken.Entry], broken.Column is null ? [] : [broken.Column], broken.Sequence, settings,
                "The target objects could not be resolved."));
        }

        // Inspection order (the configuration's, then mappings found by analysis), so the report
        // and the apply follow the file.
        var groups = target.Entries
            .Select((e, i) => (Entry: e, Index: i))
            .Where(x => x.Entry.IsResolved)
            .GroupBy(x => x.Entry.Sequence!.Name)
            .OrderBy(g => g.Min(x => x.Index));
        var planned = groups.Select(g => (IReadOnlyList<TargetEntryState>)[.. g.Select(x => x.Entry)]).ToList();
        // A column fed by two sequences (the mapped one and the one its default calls): both must be past
        // the source sequence either is matched to, by name or explicitly.
        var sourceByColumn = new Dictionary<(QualifiedName, string), List<SourceSequence>>();
        foreach (var group in planned)
        {
            var (found, _) = MatchSource(group[0].Sequence!.Name, [.. group.Select(e => e.Entry)], lookup);
            foreach (var entry in group.Where(e => e.Entry.Table is not null && e.Entry.PkColumn is not null))
            {
                var key = (entry.Entry.Table!, entry.Entry.PkColumn!);
                if (!sourceByColumn.TryGetValue(key, out var list))
                {
                    sourceByColumn[key] = list = [];
                }
                list.AddRange(found.Where(f => !list.Contains(f)));
            }
        }
        foreach (var group in planned)
        {
            rows.Add(PlanSequence(group, settings, source, lookup, rates, matchedSource, findings, sourceByColumn));
        }

        foreach (var unmatched in source.Sequences.Where(s => !matchedSource.Contains(s)))
        {
            findings.Add(Finding.Of(FindingCatalog.UnmappedSourceSequence, unmatched.FullName,
                $"Source sequence {unmatched.FullName} (last number {Format(unmatched.LastNumber)}) has no target mapping and is not advanced."));
        }

        if (target.OtherSessions.Count > 0)
        {
            var sessions = Finding.Of(FindingCatalog.OtherSessionsConnected, target.Description,
                $"{target.OtherSessions.Count} other client session(s) on the target database: {string.Join("; ", target.OtherSessions.Take(5))}{(target.OtherSessions.Count > 5 ? "; ..." : "")}.");
            findings.Add(rates?.RequireQuiet == true ? sessions with { Severity = Severity.Blocking } : sessions);
        }

        if (target.InRecovery)
        {
            findings.Add(Finding.Of(FindingCatalog.TargetInRecovery, target.Description,
                $"{target.Description} is a hot standby (pg_is_in_recovery() is true): its sequences cannot be set there, and it replays the primary's."));
        }

        if (target.Subscriptions.Count > 0)
        {
            findings.Add(Finding.Of(FindingCatalog.LogicalReplicationSequences, target.Description,
                $"The target subscribes to {string.Join(", ", target.Subscriptions)}: logical replication does not carry sequence state, so the values planned here hold only at this moment."));
        }

        if (!settings.Enabled)
        {
            findings.Add(Finding.Of(FindingCatalog.AdvancementDisabled, "sequenceAdvancement.enabled",
                "sequenceAdvancement.enabled is false: nothing will be written."));
        }

        return new AdvancementPlan(rows, Finding.Ordered(findings), settings.Enabled) { Interleave = settings.Interleave };
    }

    private static PlannedSequence PlanSequence(
        IReadOnlyList<TargetEntryState> entries,
        AdvancementConfig settings,
        SourceCatalog source,
        SourceLookup lookup,
        PlanPolicy? rates,
        HashSet<SourceSequence> matchedSource,
        List<Finding> findings,
        IReadOnlyDictionary<(QualifiedName, string), List<SourceSequence>> sourceByColumn)
    {
        var sequence = entries[0].Sequence!;
        var name = sequence.Name.ToString();
        // Arrays, not lists: held per row until the report is written.
        var columns = entries.Where(e => e.Column is not null).Select(e => e.Column!).ToArray();
        var configured = entries.Select(e => e.Entry).ToArray();
        var margin = configured.Max(e => e.SafetyMargin ?? settings.SafetyMargin);
        var descending = sequence.Descending;
        var blocked = false;

        if (entries.Count > 1)
        {
            findings.Add(Finding.Of(FindingCatalog.SharedSequence, name,
                $"{name} feeds {string.Join(", ", configured.Select(e => e.Describe()))}; the plan covers all of them."));
        }

        // Source value: the extreme over every source sequence the entries map (a shared target
        // sequence may stand for several Oracle sequences, each of which issued values).
        var (matches, matchProblem) = MatchSource(sequence.Name, configured, lookup);
        if (matches.Count == 0 && matchProblem is null)
        {
            matches = [.. configured.Where(e => e.Table is not null && e.PkColumn is not null)
                .SelectMany(e => sourceByColumn.GetValueOrDefault((e.Table!, e.PkColumn!)) ?? []).Distinct()];
        }
        BigInteger? sourceLast = null;
        string? sourceName = matches.Count == 0 ? null : string.Join(", ", matches.Select(m => m.FullName));
        var match = matches.FirstOrDefault();
        foreach (var each in matches)
        {
            matchedSource.Add(each);
            if (each.Scalable || each.SessionScoped)
            {
                var kind = each.Scalable ? "scalable (SCALE_FLAG=Y)" : "session (SESSION_FLAG=Y)";
                findings.Add(Finding.Of(FindingCatalog.SourceValueUnusable, name,
                    $"Source sequence {each.FullName} is {kind}: its LAST_NUMBER does not bound the values it issued, so the target's keys are used instead."));
            }
            else
            {
                sourceLast = sourceLast is { } soFar
                    ? (descending ? BigInteger.Min(soFar, each.LastNumber) : BigInteger.Max(soFar, each.LastNumber))
                    : each.LastNumber;
            }
            if (each.IncrementBy.Sign != 0 && each.IncrementBy.Sign != Math.Sign(sequence.Increment))
            {
                blocked = true;
                findings.Add(Finding.Of(FindingCatalog.DirectionMismatch, name,
                    $"Source {each.FullName} has INCREMENT BY {each.IncrementBy} but {name} has increment {sequence.Increment}."));
            }
            else if (each.IncrementBy != sequence.Increment)
            {
                findings.Add(Finding.Of(FindingCatalog.IncrementMismatch, name,
                    $"Source {each.FullName} has INCREMENT BY {each.IncrementBy}; {name} has increment {sequence.Increment}."));
            }
        }
        if (matches.Count > 0)
        {
            foreach (var missing in configured.Select(e => e.SourceSequence).OfType<string>().Distinct(StringComparer.Ordinal).Where(n => lookup.Explicit(n) is null))
            {
                findings.Add(Finding.Of(FindingCatalog.SourceSequenceNotFound, name,
                    $"The source has no sequence {missing} (named for {name}); the other source values and the keys bound the new value."));
            }
        }
        else if (matchProblem is not null)
        {
            blocked = true;
            findings.Add(matchProblem);
        }
        else if (source.ProvidesReferenceValues)
        {
            var hasTable = configured.Any(e => e.Table is not null);
            findings.Add(hasTable
                ? Finding.Of(FindingCatalog.SourceSequenceNotFound, name,
                    $"No source sequence matches {name}; only the keys in {string.Join(", ", configured.Where(e => e.Table is not null).Select(e => e.Table))} bound the new value.")
                : Finding.Of(FindingCatalog.NoReferenceValue, name,
                    $"{name} is listed without a table and no source sequence matches it."));
            blocked |= !hasTable;
        }

        // Target keys: the extreme over every table the sequence feeds.
        BigInteger? targetExtreme = null;
        foreach (var entry in entries.Where(e => e.Entry.Table is not null))
        {
            // Text keys are always scanned (their numeric extreme is not an index edge), whatever their indexes.
            if (!entry.KeyIndexed && entry.KeyExtreme is not null && entry.Column is { IsNumeric: true })
            {
                var size = entry.Pages is { } pages ? $"~{(pages * 8192).Bytes().Humanize("0.#", CultureInfo.InvariantCulture)}" : "of unknown size";
                var took = entry.ScanTime is { } t ? string.Create(CultureInfo.InvariantCulture, $"; the scan took {t.TotalSeconds:0.0} s") : "";
                findings.Add(Finding.Of(FindingCatalog.NoIndexOnKey, entry.Entry.Describe(),
                    $"No index starts with {entry.Entry.Describe()}: MAX scans the whole table ({size}){took}."));
            }
            if (entry.KeyFailure is { } failure)
            {
                // No whole number bounds these keys: no value can be proven to clear them.
                blocked = true;
                findings.Add(Finding.Of(failure.Code, failure.Object, failure.Message, failure.Resolution));
                continue;
            }
            if (entry.KeyExtreme is { } k)
            {
                targetExtreme = targetExtreme is { } t ? (descending ? BigInteger.Min(t, k) : BigInteger.Max(t, k)) : k;
            }
            else
            {
                findings.Add(Finding.Of(FindingCatalog.EmptyTable, entry.Entry.Describe(),
                    sourceLast is null
                        ? $"{entry.Entry.Table} is empty and no source value is known: {name} is only kept where it is."
                        : $"{entry.Entry.Table} is empty: the source value alone sets {name}."));
            }
        }

        var rate = RateFor(name, match, configured, margin, settings, source, rates);
        if (rate is { } r && r.Required > margin)
        {
            var finding = Finding.Of(FindingCatalog.MarginBelowObservedRate, name,
                $"{name}: the configured margin {Format(margin)} is below {r.Describe()}; the plan uses {Format(r.Required)}.");
            findings.Add(rates?.Strict == true ? finding with { Severity = Severity.Blocking } : finding);
            blocked |= rates?.Strict == true;
            margin = r.Required;
        }

        if (sequence.Cycle)
        {
            findings.Add(Finding.Of(FindingCatalog.CycleSequence, name,
                $"{name} is CYCLE: after {(descending ? sequence.MinValue : sequence.MaxValue).ToString("N0", CultureInfo.InvariantCulture)} it restarts and re-issues existing keys."));
        }
        if (sequence.CacheSize > 1)
        {
            findings.Add(Finding.Of(FindingCatalog.SequenceCache, name,
                $"{name} has CACHE {sequence.CacheSize}: sessions that already cached values keep issuing them after setval."));
        }

        if (settings.Interleave is not null && descending)
        {
            blocked = true;
            findings.Add(Finding.Of(FindingCatalog.InterleaveUnsupported, name, $"{name} descends (increment {sequence.Increment}) and cannot be interleaved."));
        }
        var row = settings.Interleave is { } stride && !descending
            ? DecideInterleaved(sequence, sourceLast, targetExtreme, margin, stride, out _)
            : Decide(sequence, sourceLast, targetExtreme, margin, out _);
        row = row with
        {
            Name = name,
            Entries = configured,
            Columns = columns,
            SourceName = sourceName,
            Stride = settings.Interleave is { } interleaved && !descending ? interleaved : null,
            Rate = rate,
            ScanTime = entries.Any(e => e.ScanTime is not null) ? entries.Aggregate(TimeSpan.Zero, (sum, e) => sum + (e.ScanTime ?? TimeSpan.Zero)) : null,
        };

        if (row.NextValue is { } next)
        {
            blocked |= CheckLimits(sequence, columns, next, findings);
        }
        if (row.Action == PlanAction.Advance && !sequence.CanUpdate && settings.Enabled)
        {
            blocked = true;
            findings.Add(Finding.Of(FindingCatalog.SequencePrivilegeMissing, name, $"The target user has no UPDATE privilege on {name}: setval({name}, ...) would fail."));
        }
        if (row.Action == PlanAction.Unchanged && row.Reference is not null)
        {
            findings.Add(Finding.Of(FindingCatalog.TargetAlreadyAhead, name,
                $"{name} already issues {Format(sequence.NextValue)} next, at or beyond the {Format(row.RequiredNext!.Value)} the plan needs; it stays unchanged."));
        }
        return blocked ? row with { Action = PlanAction.Blocked } : row;
    }

    /// <summary>
    /// Seed 7.3: the margin must cover every insert the source makes during the catch-up window.
    /// The rate is the larger of the declared one and the one measured between the baseline and now.
    /// </summary>
    private static RateMargin? RateFor(string name, SourceSequence? match, IReadOnlyList<TableEntry> entries, long configured,
        AdvancementConfig settings, SourceCatalog source, PlanPolicy? rates)
    {
        if (settings.CatchUpWindow is not { } window)
        {
            return null;
        }
        var declared = entries.Max(e => e.ExpectedInsertsPerHour);
        double? measured = null;
        string? measuredBasis = null;
        if (rates?.Baseline is { } baseline && match is not null)
        {
            var before = baseline.BySourceSequence.TryGetValue(match.FullName, out var b) ? b
                : baseline.ByTargetSequence.TryGetValue(name, out var t) ? t : (BigInteger?)null;
            var hours = ((source.CapturedAt ?? rates.Now) - baseline.CapturedAt).TotalHours;
            if (before is { } start && hours > 0)
            {
                var delta = BigInteger.Abs(match.LastNumber - start);
                measured = (double)delta / hours;
                measuredBasis = string.Create(CultureInfo.InvariantCulture, $"measured: {Format(delta)} values in {hours:0.##} h since {baseline.Description}");
            }
        }
        if (declared is null && measured is null)
        {
            return null;
        }
        var (perHour, basis) = (measured ?? -1) >= (declared ?? -1)
            ? (measured!.Value, measuredBasis!)
            : (declared!.Value, "declared expectedInsertsPerHour");
        var required = (long)Math.Ceiling(perHour * window.TotalHours * (double)settings.RateHeadroom);
        return new RateMargin(perHour, basis, window, settings.RateHeadroom, required, configured);
    }

    /// <summary>
    /// A planned row's derivation in words (<see cref="PlannedSequence.Derivation"/>): the row's inputs
    /// (position, source value, key extreme, margin, stride, rate) run through the arithmetic again.
    /// </summary>
    internal static string Explain(PlannedSequence row)
    {
        if (row.Current is not { } sequence)
        {
            return "";
        }
        string words;
        _ = row.Stride is { } stride
            ? DecideInterleaved(sequence, row.SourceLast, row.TargetMax, row.Margin, stride, out words)
            : Decide(sequence, row.SourceLast, row.TargetMax, row.Margin, out words);
        return row.Rate is { } rate ? $"Margin: {rate.Describe()}. {words}" : words;
    }

    /// <summary>The value arithmetic, in <see cref="BigInteger"/> so no intermediate can overflow.</summary>
    internal static PlannedSequence Decide(TargetSequence sequence, BigInteger? sourceLast, BigInteger? targetExtreme, long margin, out string derivation)
    {
        var descending = sequence.Descending;
        var current = sequence.NextValue;
        var baseRow = new PlannedSequence(sequence.Name.ToString(), sequence.Name, [], [], null, sourceLast, targetExtreme,
            margin, null, null, PlanAction.Unchanged, sequence, null);

        BigInteger? reference = baseRow.Reference;
        if (reference is null)
        {
            derivation = $"No source value and no keys: left where it is (next value {Format(current)}).";
            return baseRow with { NewValue = current - sequence.Increment, NextValue = current };
        }

        var parts = new List<string>();
        var what = (sourceLast, targetExtreme) switch
        {
            ({ } s, { } t) => $"{(descending ? "MIN" : "MAX")}(source {Format(s)}, target {Format(t)}) = {Format(reference.Value)}",
            ({ } s, null) => $"source {Format(s)}",
            _ => $"target {(descending ? "min" : "max")} {Format(targetExtreme!.Value)}",
        };
        var wanted = descending ? reference.Value - margin : reference.Value + margin;
        parts.Add($"{what} {(descending ? "-" : "+")} margin {Format(margin)} = {Format(wanted)}");

        var onGrid = OntoGrid(wanted, sequence.LastValue, sequence.Increment);
        if (onGrid != wanted)
        {
            parts.Add($"moved onto the step grid of {sequence.Increment} (anchored at {Format(sequence.LastValue)}): {Format(onGrid)}");
        }

        var next = onGrid + sequence.Increment;
        var alreadyBeyond = descending ? next >= current : next <= current;
        if (alreadyBeyond)
        {
            parts.Add($"the sequence already issues {Format(current)} next, so it is left unchanged");
            derivation = string.Join("; ", parts) + ".";
            return baseRow with { NewValue = current - sequence.Increment, NextValue = current, RequiredNext = next };
        }
        parts.Add($"setval({Format(onGrid)}, true): next value {Format(next)}");
        derivation = string.Join("; ", parts) + ".";
        return baseRow with { NewValue = onGrid, NextValue = next, Action = PlanAction.Advance, RequiredNext = next };
    }

    /// <summary>
    /// Multi-master (seed 003): the sequence steps by the node count and its next value is the
    /// smallest value congruent to the node's residue that is above every key, the source value and
    /// the margin, and not below where the sequence already is. A fresh database starts exactly at k.
    /// </summary>
    internal static PlannedSequence DecideInterleaved(TargetSequence sequence, BigInteger? sourceLast, BigInteger? targetExtreme, long margin,
        Interleave stride, out string derivation)
    {
        var current = sequence.NextValue;
        var baseRow = new PlannedSequence(sequence.Name.ToString(), sequence.Name, [], [], null, sourceLast, targetExtreme,
            margin, null, null, PlanAction.Unchanged, sequence, null);
        var reference = baseRow.Reference;
        var required = reference is { } r ? r + margin + 1 : (BigInteger)sequence.MinValue;
        var requiredNext = OntoResidue(BigInteger.Max(required, sequence.MinValue), stride);
        var what = reference is null ? $"no keys and no source value: from MINVALUE {Format(sequence.MinValue)}" : $"above {Format(reference.Value)} + margin {Format(margin)}";
        var onStream = sequence.Increment == stride.Nodes && Residue(current, stride.Nodes) == stride.Residue;
        if (onStream && current >= requiredNext)
        {
            derivation = $"Node {stride.Node} of {stride.Nodes}: already steps by {stride.Nodes} on residue {stride.Residue} and issues {Format(current)} next ({what}); left unchanged.";
            return baseRow with { NewValue = current - sequence.Increment, NextValue = current, RequiredNext = requiredNext };
        }
        var next = OntoResidue(BigInteger.Max(required, BigInteger.Max(current, sequence.MinValue)), stride);
        derivation = $"Node {stride.Node} of {stride.Nodes}: smallest value ≡ {stride.Residue} (mod {stride.Nodes}) {what}" +
            (current > required ? $" and at or above the current next value {Format(current)}" : "") +
            $" is {Format(next)}; INCREMENT BY {stride.Nodes} RESTART WITH {Format(next)}.";
        return baseRow with
        {
            NewValue = next - stride.Nodes,
            NextValue = next,
            RequiredNext = requiredNext,
            Action = PlanAction.Advance,
            NewIncrement = stride.Nodes,
        };
    }

    private static BigInteger OntoResidue(BigInteger floor, Interleave stride)
    {
        var offset = Residue(floor - stride.Residue, stride.Nodes);
        return offset == 0 ? floor : floor + (stride.Nodes - offset);
    }

    private static BigInteger Residue(BigInteger value, int modulus) => ((value % modulus) + modulus) % modulus;

    /// <summary>
    /// The first value at or beyond <paramref name="value"/> (in the sequence's direction) that the
    /// sequence can issue: same residue as its current value modulo the increment, so an odd
    /// sequence stays odd.
    /// </summary>
    internal static BigInteger OntoGrid(BigInteger value, BigInteger anchor, long increment)
    {
        var step = BigInteger.Abs(increment);
        if (step <= 1)
        {
            return value;
        }
        var offset = ((value - anchor) % step + step) % step;
        if (offset == 0)
        {
            return value;
        }
        return increment > 0 ? value + (step - offset) : value - offset;
    }

    private static bool CheckLimits(TargetSequence sequence, IReadOnlyList<TargetColumn> columns, BigInteger next, List<Finding> findings)
    {
        var name = sequence.Name.ToString();
        var blocked = false;
        var beyondSequence = sequence.Descending ? next < sequence.MinValue : next > sequence.MaxValue;
        if (beyondSequence)
        {
            blocked = true;
            var (word, limit) = sequence.Descending ? ("MINVALUE", sequence.MinValue) : ("MAXVALUE", sequence.MaxValue);
            findings.Add(Finding.Of(FindingCatalog.SequenceLimitExceeded, name,
                $"{name} would need to issue {Format(next)} next, beyond its {word} {Format(limit)}."));
        }
        foreach (var column in columns)
        {
            if (column.IntegerRange is not { } range)
            {
                continue;
            }
            var limit = sequence.Descending ? range.Min : range.Max;
            if (sequence.Descending ? next < limit : next > limit)
            {
                blocked = true;
                findings.Add(Finding.Of(FindingCatalog.ColumnTypeOverflow, $"{column.Table}.{Identifier.Display(column.Name)}",
                    $"{column.Table}.{Identifier.Display(column.Name)} is {column.DataType} (limit {Format(limit)}) but {name} would issue {Format(next)} next."));
            }
        }
        return blocked;
    }

    private static (IReadOnlyList<SourceSequence> Matches, Finding? Problem) MatchSource(QualifiedName target, IReadOnlyList<TableEntry> entries, SourceLookup lookup)
    {
        var explicitNames = entries.Select(e => e.SourceSequence).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (explicitNames.Count > 0)
        {
            return ([.. explicitNames.Select(lookup.Explicit).OfType<SourceSequence>().Distinct()], null);
        }

        var candidates = lookup.ByTargetName(target.Name);
        if (candidates.Count <= 1)
        {
            return (candidates, null);
        }
        // Same name in several owners: the owner that maps to the target's schema decides.
        var names = lookup.Names;
        var sameSchema = candidates
            .Where(s => string.Equals(names.Schemas.ContainsKey(s.Owner) ? names.Schema(s.Owner) : names.Name(s.Owner), target.Schema, StringComparison.Ordinal))
            .ToList();
        if (sameSchema.Count == 1)
        {
            return (sameSchema, null);
        }
        return ([], Finding.Of(FindingCatalog.SourceSequenceAmbiguous, target.ToString(),
            $"{target} matches {string.Join(", ", candidates.Select(c => c.FullName))} in the source."));
    }

    /// <summary>Source sequences indexed once by the name they take in the target, and by Oracle name.</summary>
    private sealed class SourceLookup(SourceCatalog source, NameMapping names)
    {
        private readonly ILookup<string, SourceSequence> byTarget = source.Sequences.ToLookup(s => names.Name(s.Name), StringComparer.Ordinal);
        private readonly ILookup<string, SourceSequence> byName = source.Sequences.ToLookup(s => s.Name, StringComparer.Ordinal);

        public NameMapping Names => names;

        public IReadOnlyList<SourceSequence> ByTargetName(string name) => [.. byTarget[name]];

        public SourceSequence? Explicit(string text)
        {
            var (owner, name) = OracleName.Split(text);
            return byName[name].FirstOrDefault(s => owner is null || string.Equals(s.Owner, owner, StringComparison.Ordinal));
        }
    }

    /// <summary>Oracle name rules: unquoted folds to upper case, "quoted" is exact.</summary>
    internal static (string? Owner, string Name) SplitOracleName(string text)
    {
        static string Fold(string part) =>
            part.Length > 1 && part[0] == '"' && part[^1] == '"' ? part[1..^1] : part.ToUpperInvariant();
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (null, Fold(text.Trim())) : (Fold(text[..dot].Trim()), Fold(text[(dot + 1)..].Trim()));
    }

    private static PlannedSequence Blocked(string name, QualifiedName? sequence, IReadOnlyList<TableEntry> entries,
        IReadOnlyList<TargetColumn> columns, TargetSequence? current, AdvancementConfig settings, string derivation) =>
        new(name, sequence, entries, columns, null, null, null,
            entries.Max(e => e.SafetyMargin ?? settings.SafetyMargin), null, null, PlanAction.Blocked, current, derivation);

    public static string Format(BigInteger value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
