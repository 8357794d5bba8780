using System.Numerics;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.SavedPlans;

/// <summary>
/// What stands between a saved plan and the live state: every difference that makes its values unsafe or
/// no longer the approved ones, one <c>PLAN_DRIFT</c> finding each. Pure: compares two plans made from
/// the same planner, the live one and the one re-derived from the plan's own readings.
/// </summary>
public static class PlanDrift
{
    /// <param name="saved">The plan file.</param>
    /// <param name="now">What this run read, and the plan the live readings give.</param>
    /// <param name="approved">The plan re-derived from the plan file's readings (<see cref="SavedPlan.Planned"/>):
    /// the values apply sets, so the drift allowance is measured from its references and margins, never from
    /// the file's own (which an edit could change).</param>
    public static IReadOnlyList<Finding> Compare(PlanDocument saved, PlanLiveState now, AdvancementPlan approved,
        MaxDrift maxDrift)
    {
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(approved);
        ArgumentNullException.ThrowIfNull(maxDrift);
        var findings = new List<Finding>();
        var configChanged = !string.Equals(saved.Config.Sha256, now.ConfigDigest, StringComparison.OrdinalIgnoreCase);
        if (configChanged)
        {
            findings.Add(Finding.Create(FindingCatalog.PlanDrift, now.ConfigFile, ("file", now.ConfigFile),
                ("plannedFile", saved.Config.File), ("planned", Short(saved.Config.Sha256)),
                ("now", Short(now.ConfigDigest))));
        }
        var target = now.Target.Description;
        if (!string.Equals(saved.Target.Description, target, StringComparison.Ordinal))
        {
            findings.Add(Finding.Create(FindingCatalog.PlanDrift, "target", target, ("planned",
                saved.Target.Description), ("now", target)));
        }
        findings.AddRange(SourceChanges(saved, now.Source));
        var liveRows = BySequence(now.Plan.Sequences);
        var approvedRows = BySequence(approved.Sequences);
        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in saved.Sequences)
        {
            var name = row.Sequence!;
            planned.Add(name);
            if (!liveRows.TryGetValue(name, out var live) || live.Current is null || live.Unresolved)
            {
                var why = live is null ? "no entry resolves to it" : "its table, column or sequence is missing";
                findings.Add(Drift("missing", name, ("why", why)));
                continue;
            }
            if (!approvedRows.TryGetValue(name, out var again))
            {
                findings.Add(Drift("lost", name));
                continue;
            }
            var before = findings.Count;
            findings.AddRange(Structure(row, live, again));
            findings.AddRange(References(again, live, now.Target, maxDrift));
            if (findings.Count == before && !configChanged && ValueChanges(row, again) is { Count: > 0 } changes)
            {
                // The plan's own readings no longer give its values: edited by hand, or made by another version.
                findings.Add(Drift("values", name, ("changes", string.Join("; ", changes))));
            }
        }
        foreach (var row in now.Plan.Sequences.Where(r => r.Sequence is not null
            && !planned.Contains(r.Sequence.ToString())))
        {
            findings.Add(Drift("unplanned", row.Sequence!.ToString()));
        }
        return findings;
    }

    /// <summary>
    /// The source the plan read against the one read now: the same connection or export directory (an
    /// export's SCN aside), and every sequence a planned value came from still there (its absence lowers no
    /// setval, the approved values come from the plan's readings, but a source that lost it is not the one
    /// approved).
    /// </summary>
    private static IEnumerable<Finding> SourceChanges(PlanDocument saved, SourceCatalog live)
    {
        var planned = saved.Source;
        if (!string.Equals(Origin(planned.Description), Origin(live.Description), StringComparison.Ordinal))
        {
            yield return Finding.Create(FindingCatalog.PlanDrift, "origin", live.Description,
                ("planned", planned.Description), ("now", live.Description));
        }
        var present = live.Sequences.Select(s => s.FullName).ToHashSet(StringComparer.Ordinal);
        var used = saved.Sequences.Where(r => r.SourceName is not null).Select(r => r.SourceName!)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var value in planned.Sequences.Where(v => used.Contains(v.Name) && !present.Contains(v.Name)))
        {
            yield return Finding.Create(FindingCatalog.PlanDrift, "source-missing", value.Name,
                ("source", value.Name), ("planned", value.Value));
        }
    }

    /// <summary>A source description without the SCN an Oracle capture appends (it moves with every capture).
    /// </summary>
    private static string Origin(string description) =>
        System.Text.RegularExpressions.Regex.Replace(description, @" \(SCN [0-9]+\)$", "");

    /// <summary>Where the file's values differ from what its own readings give now (the values applied).</summary>
    private static List<string> ValueChanges(PlanRow row, PlannedSequence again)
    {
        var changes = new List<string>();
        void Compare<T>(string field, T file, T derived)
        {
            if (!EqualityComparer<T>.Default.Equals(file, derived))
            {
                changes.Add($"{field} {Shown(file)} in the file, {Shown(derived)} from its readings");
            }
        }
        var blocked = again.Action == PlanAction.Blocked;
        Compare("action", row.Action, again.Action);
        Compare("setval", row.NewValue, blocked ? null : again.NewValue);
        Compare("next value", row.NextValue, blocked ? null : again.NextValue);
        Compare("reference", row.Reference, again.Reference);
        Compare("margin", row.Margin, again.Margin);
        Compare("block size", row.BlockSize, again.BlockSize);
        Compare("increment", row.NewIncrement, again.NewIncrement);
        return changes;
    }

    private static string Shown<T>(T value) => value switch
    {
        null => "none",
        BigInteger b => b.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        long l => l.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        PlanAction a => a.ToString().ToLowerInvariant(),
        _ => value.ToString() ?? "none",
    };

    /// <summary>
    /// Definition, tables and position: any change means the plan no longer describes the sequence, except
    /// a sequence already exactly where this plan sets it (an earlier, interrupted apply of the same plan).
    /// </summary>
    private static IEnumerable<Finding> Structure(PlanRow row, PlannedSequence now, PlannedSequence approved)
    {
        var name = row.Sequence!;
        var current = now.Current!;
        var live = SavedPlan.DefinitionOf(current);
        var was = row.Definition!;
        var applied = AlreadyApplied(approved, current);
        var changes = new List<string>();
        void Compare<T>(string field, T planned, T actual)
        {
            if (!EqualityComparer<T>.Default.Equals(planned, actual))
            {
                changes.Add($"{field} {planned} → {actual}");
            }
        }
        Compare("type", was.DataType, live.DataType);
        Compare("increment", applied && approved.NewIncrement is { } stride ? stride : was.Increment, live.Increment);
        Compare("minvalue", was.MinValue, live.MinValue);
        Compare("maxvalue", was.MaxValue, live.MaxValue);
        Compare("cycle", was.Cycle, live.Cycle);
        if (changes.Count > 0)
        {
            yield return Drift("definition", name, ("changes", string.Join("; ", changes)));
        }
        var tables = now.Entries.Select(SavedPlan.TableOf).ToHashSet(StringComparer.Ordinal);
        var gone = row.Tables.Where(t => !tables.Contains(t)).Select(t => "no longer " + t);
        var added = tables.Where(t => !row.Tables.Contains(t, StringComparer.Ordinal)).Select(t => "now also " + t);
        if (gone.Concat(added).ToList() is { Count: > 0 } moved)
        {
            yield return Drift("tables", name, ("changes", string.Join("; ", moved)));
        }
        var plannedNext = Sequences.SequenceMath.NextValue(row.Position!.LastValue, row.Position.IsCalled,
            was.Increment);
        if (plannedNext != current.NextValue && !applied)
        {
            yield return Drift("position", name, ("planned", plannedNext), ("now", current.NextValue));
        }
    }

    /// <summary>The sequence is exactly where the approved plan sets it: its next value, and its new increment
    /// where the plan changes it.</summary>
    public static bool AlreadyApplied(PlannedSequence approved, TargetSequence current)
    {
        ArgumentNullException.ThrowIfNull(approved);
        ArgumentNullException.ThrowIfNull(current);
        return approved.Action == PlanAction.Advance && approved.NextValue == current.NextValue
            && (approved.NewIncrement ?? current.Increment) == current.Increment;
    }

    /// <summary>
    /// The live source value and keys against the approved reference (the one its setval comes from), within
    /// the allowed share of the approved margin.
    /// </summary>
    private static IEnumerable<Finding> References(PlannedSequence approved, PlannedSequence now,
        TargetSnapshot target, MaxDrift maxDrift)
    {
        var name = approved.Sequence!.ToString();
        var descending = approved.Current?.Descending ?? now.Descending;
        var blockSize = approved.BlockSize;
        BigInteger? keys = now.TargetMax is { } max && blockSize is { } k ? Hilo.CeilingDivide(max, k)
            : now.TargetMax;
        var margin = blockSize is { } size ? Hilo.CeilingDivide(approved.Margin, size) : approved.Margin;
        var table = KeyTable(name, now.TargetMax, target);
        if (approved.Reference is not { } reference)
        {
            if (now.Reference is { } appeared)
            {
                var what = now.SourceLast is { } value ? $"the source value {Shown(value)} of {now.SourceName}"
                    : $"the key {Shown(now.TargetMax)} in {table}";
                yield return Drift("none", name, ("now", appeared), ("what", what));
            }
            yield break;
        }
        var allowed = maxDrift.Allowed(margin);
        // Hilo: keys are compared in blocks (sequence values); the message states the key and its block.
        var keysVariant = blockSize is null ? "keys" : "keys-hilo";
        foreach (var (variant, value) in new[] { ("source", now.SourceLast), (keysVariant, keys) })
        {
            if (value is { } v && (descending ? reference - v : v - reference) is var over && over > allowed)
            {
                yield return Drift(variant, name, ("now", v), ("over", over), ("reference", reference),
                    ("maxDrift", maxDrift), ("allowed", allowed), ("margin", margin),
                    ("extreme", descending ? "smallest" : "largest"), ("table", table),
                    ("direction", descending ? "below" : "past"), ("key", now.TargetMax),
                    ("blockSize", blockSize), ("marginKeys", approved.Margin));
            }
        }
    }

    /// <summary>The table and key column holding the key extreme a sequence's keys come to (the one that drifted,
    /// when several tables share the sequence).</summary>
    private static string KeyTable(string sequence, BigInteger? extreme, TargetSnapshot target) =>
        target.Entries.FirstOrDefault(e => e.Sequence?.Name.ToString() == sequence && e.KeyExtreme == extreme
            && extreme is not null) is { } entry ? SavedPlan.TableOf(entry.Entry) : "its tables";

    private static Dictionary<string, PlannedSequence> BySequence(IEnumerable<PlannedSequence> rows) =>
        rows.Where(r => r.Sequence is not null).GroupBy(r => r.Sequence!.ToString(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static Finding Drift(string variant, string sequence, params (string, object?)[] arguments) =>
        Finding.Create(FindingCatalog.PlanDrift, variant, sequence, [("sequence", sequence), .. arguments]);

    private static string Short(string digest) => digest.Length > 12 ? digest[..12] : digest;
}
