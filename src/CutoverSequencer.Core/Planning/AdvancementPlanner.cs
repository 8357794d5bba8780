using System.Numerics;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Planning;

/// <summary>
/// Decides every sequence's new value from the source and target readings. Pure: no I/O.
/// For an ascending sequence <c>new = MAX(source last, target max) + margin</c>, moved up onto the
/// sequence's step grid and never below where the sequence already is; descending mirrors it.
/// </summary>
public static partial class AdvancementPlanner
{
    /// <param name="names">How source names map to target names; default: fold to lower case, one schema.</param>
    /// <param name="rates">Baseline and reading time for the rate-aware margin; null: no measured rates.</param>
    public static AdvancementPlan Plan(AdvancementConfig settings, SourceCatalog source, TargetSnapshot target,
        NameMapping? names = null, PlanPolicy? rates = null)
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
            findings.Add(Finding.Create(FindingCatalog.NothingConfigured, "sequenceAdvancement.tables"));
        }

        foreach (var broken in target.Entries.Where(e => !e.IsResolved))
        {
            // Found by analysis but without its table or column: the table may simply not have been
            // migrated. A found column the catalog shows fed by a resolved sequence is different: the
            // sequence will issue into it, so a problem with it blocks like a configured one.
            if (!broken.Entry.IsConfigured && broken.Sequence is null)
            {
                // Found by analysis, not asked for: the table may simply not have been migrated.
                findings.Add(Finding.Create(FindingCatalog.DiscoveredMappingUnresolved, broken.Entry.Describe(),
                    ("entry", broken.Entry.Describe()), ("origin", broken.Entry.Origin),
                    ("problems", string.Join(" ", broken.Problems.Select(p => p.Message)))));
                if (broken.Entry.SourceSequence is { } name && lookup.Explicit(name) is { } accounted)
                {
                    matchedSource.Add(accounted);
                }
                continue;
            }
            foreach (var problem in broken.Problems)
            {
                findings.Add(problem.Finding);
            }
            rows.Add(Blocked(broken.Entry.Sequence?.ToString() ?? broken.Entry.Describe(), broken.Entry.Sequence,
                [broken.Entry], broken.Column is null ? [] : [broken.Column], broken.Sequence, settings));
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

        foreach (var row in rows.Where(r => r.Action is PlanAction.Advance or PlanAction.Unchanged))
        {
            if (row.Headroom is { } room && (room.PercentLeft < settings.HeadroomPercent
                || room.HoursLeft < settings.HeadroomTime.TotalHours))
            {
                findings.Add(Finding.Create(FindingCatalog.KeyHeadroomLow, row.Name, ("sequence", row.Name),
                    ("left", room.ValuesLeft), ("next", row.NextValue), ("limit", room.Limit),
                    ("limitedBy", room.LimitedBy), ("percent", room.PercentLeft),
                    ("time", room.HoursLeft), ("rate", room.ValuesPerHour)));
            }
        }

        foreach (var unmatched in source.Sequences.Where(s => !matchedSource.Contains(s)))
        {
            findings.Add(Finding.Create(FindingCatalog.UnmappedSourceSequence, unmatched.FullName,
                ("source", unmatched.FullName), ("last", unmatched.LastNumber)));
        }

        if (target.OtherSessions.Count > 0)
        {
            var sessions = Finding.Create(FindingCatalog.OtherSessionsConnected, target.OtherSessions.Count > 5
                ? "more" : null,
                target.Description, ("count", target.OtherSessions.Count),
                ("sessions", string.Join("; ", target.OtherSessions.Take(5))));
            findings.Add(rates?.RequireQuiet == true ? sessions with { Severity = Severity.Blocking } : sessions);
        }

        if (target.InRecovery)
        {
            findings.Add(Finding.Create(FindingCatalog.TargetInRecovery, target.Description, ("target",
                target.Description)));
        }

        if (target.Subscriptions.Count > 0)
        {
            findings.Add(Finding.Create(FindingCatalog.LogicalReplicationSequences, target.Description,
                ("subscriptions", target.Subscriptions)));
        }

        if (!settings.Enabled)
        {
            findings.Add(Finding.Create(FindingCatalog.AdvancementDisabled, "sequenceAdvancement.enabled"));
        }

        return new AdvancementPlan(rows, Finding.Ordered(findings),
            settings.Enabled) { Interleave = settings.Interleave };
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
            findings.Add(Finding.Create(FindingCatalog.SharedSequence, name,
                ("sequence", name), ("entries", configured.Select(e => e.Describe()).ToArray())));
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
                findings.Add(Finding.Create(FindingCatalog.SourceValueUnusable, each.Scalable ? null : "session", name,
                    ("source", each.FullName)));
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
                findings.Add(Finding.Create(FindingCatalog.DirectionMismatch, name, ("source", each.FullName),
                    ("sourceIncrement", each.IncrementBy), ("sequence", name), ("increment", sequence.Increment)));
            }
            else if (each.IncrementBy != sequence.Increment)
            {
                var mismatch = IncrementMismatch(each, sequence, configured, settings);
                blocked |= mismatch.Severity == Severity.Blocking;
                findings.Add(mismatch);
            }
        }
        if (matches.Count > 0)
        {
            var named = configured.Select(e => e.SourceSequence).OfType<string>().Distinct(StringComparer.Ordinal);
            foreach (var missing in named.Where(n => lookup.Explicit(n) is null))
            {
                findings.Add(Finding.Create(FindingCatalog.SourceSequenceNotFound, "named", name,
                    ("missing", missing), ("sequence", name)));
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
                ? Finding.Create(FindingCatalog.SourceSequenceNotFound, name, ("sequence", name),
                    ("tables", configured.Where(e => e.Table is not null).Select(e => e.Table!).ToArray()))
                : Finding.Create(FindingCatalog.NoReferenceValue, name, ("sequence", name)));
            blocked |= !hasTable;
        }

        // Target keys: the extreme over every table the sequence feeds.
        BigInteger? targetExtreme = null;
        foreach (var entry in entries.Where(e => e.Entry.Table is not null))
        {
            // Text keys are always scanned (their numeric extreme is not an index edge), whatever their indexes.
            if (!entry.KeyIndexed && entry.KeyExtreme is not null && entry.Column is { IsNumeric: true })
            {
                findings.Add(Finding.Create(FindingCatalog.NoIndexOnKey, entry.Pages is null ? "unknown size" : null,
                    entry.Entry.Describe(), ("column", entry.Entry.Describe()), ("size", entry.Pages * 8192),
                    ("seconds", entry.ScanTime?.TotalSeconds)));
            }
            if (entry.KeyFailure is { } failure)
            {
                // No whole number bounds these keys: no value can be proven to clear them.
                blocked = true;
                findings.Add(failure.Finding);
                continue;
            }
            if (entry.KeyExtreme is { } k)
            {
                targetExtreme = targetExtreme is { } t ? (descending ? BigInteger.Min(t, k) : BigInteger.Max(t, k)) : k;
            }
            else
            {
                findings.Add(Finding.Create(FindingCatalog.EmptyTable, sourceLast is null ? "no source" : null,
                    entry.Entry.Describe(), ("table", entry.Entry.Table), ("sequence", name)));
            }
        }

        var rate = RateFor(name, match, configured, margin, settings, source, rates);
        if (rate is { } r && r.Required > margin)
        {
            var finding = Finding.Create(FindingCatalog.MarginBelowObservedRate, r.Basis.IsDeclared ? "declared" : null,
                name, ("sequence", name), ("configured", margin), ("perHour", r.PerHour), ("delta", r.Basis.Delta),
                ("hours", r.Basis.Hours), ("baseline", r.Basis.Baseline), ("window", r.Window.TotalHours),
                ("headroom", r.Headroom), ("required", r.Required));
            findings.Add(rates?.Strict == true ? finding with { Severity = Severity.Blocking } : finding);
            blocked |= rates?.Strict == true;
            margin = r.Required;
        }

        if (sequence.Cycle)
        {
            findings.Add(Finding.Create(FindingCatalog.CycleSequence, name,
                ("sequence", name), ("limit", descending ? sequence.MinValue : sequence.MaxValue)));
        }
        if (sequence.CacheSize > 1)
        {
            findings.Add(Finding.Create(FindingCatalog.SequenceCache, name, ("sequence", name), ("cache",
                sequence.CacheSize)));
        }

        if (settings.Interleave is not null && descending)
        {
            blocked = true;
            findings.Add(Finding.Create(FindingCatalog.InterleaveUnsupported, name,
                ("sequence", name), ("increment", sequence.Increment)));
        }
        var (blockSize, allocatorProblem) = AllocatorOf(sequence, configured, settings);
        if (allocatorProblem is not null)
        {
            blocked = true;
            findings.Add(allocatorProblem);
        }
        var row = settings.Interleave is { } stride && !descending
            ? SequenceArithmetic.DecideInterleaved(sequence, sourceLast, targetExtreme, margin, stride).Row
            : blockSize is { } perValue
                ? SequenceArithmetic.DecideHilo(sequence, sourceLast, targetExtreme, margin, perValue).Row
                : SequenceArithmetic.Decide(sequence, sourceLast, targetExtreme, margin).Row;
        row = row with
        {
            Name = name,
            Entries = configured,
            Columns = columns,
            SourceName = sourceName,
            Stride = settings.Interleave is { } interleaved && !descending ? interleaved : null,
            Rate = rate,
            ScanTime = entries.Any(e => e.ScanTime is not null) ? entries.Aggregate(TimeSpan.Zero, (sum, e) => sum
                + (e.ScanTime ?? TimeSpan.Zero)) : null,
        };

        if (row.NextValue is { } next)
        {
            blocked |= CheckLimits(sequence, columns, next, findings, blockSize);
        }
        if (allocatorProblem is null && configured.All(e => e.Allocator is null))
        {
            blocked |= CheckHiloKeys(row, entries, matches, findings);
        }
        if (row.Action == PlanAction.Advance && !sequence.CanUpdate && settings.Enabled)
        {
            blocked = true;
            findings.Add(Finding.Create(FindingCatalog.SequencePrivilegeMissing, name, ("sequence", name)));
        }
        if (row.Action == PlanAction.Unchanged && row.Reference is not null)
        {
            findings.Add(Finding.Create(FindingCatalog.TargetAlreadyAhead, name,
                ("sequence", name), ("next", sequence.NextValue), ("required", row.RequiredNext!.Value)));
        }
        return blocked ? row with { Action = PlanAction.Blocked } : row;
    }


    private static (IReadOnlyList<SourceSequence> Matches, Finding? Problem) MatchSource(QualifiedName target,
        IReadOnlyList<TableEntry> entries, SourceLookup lookup)
    {
        var explicitNames = entries.Select(e
            => e.SourceSequence).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
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
            .Where(s => string.Equals(names.Schemas.ContainsKey(s.Owner) ? names.Schema(s.Owner) : names.Name(s.Owner),
                target.Schema, StringComparison.Ordinal))
            .ToList();
        if (sameSchema.Count == 1)
        {
            return (sameSchema, null);
        }
        return ([], Finding.Create(FindingCatalog.SourceSequenceAmbiguous, target.ToString(),
            ("sequence", target), ("candidates", candidates.Select(c => c.FullName).ToArray())));
    }

    private static PlannedSequence Blocked(string name, QualifiedName? sequence, IReadOnlyList<TableEntry> entries,
        IReadOnlyList<TargetColumn> columns, TargetSequence? current, AdvancementConfig settings) => new()
        {
            Name = name,
            Sequence = sequence,
            Entries = entries,
            Columns = columns,
            Margin = entries.Max(e => e.SafetyMargin ?? settings.SafetyMargin),
            Action = PlanAction.Blocked,
            Current = current,
            Unresolved = true,
        };
}
