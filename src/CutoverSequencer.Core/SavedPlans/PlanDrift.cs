using System.Numerics;
using CutoverSequencer.Core.Findings;
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
    /// <param name="configDigest">The SHA-256 of the configuration file now.</param>
    /// <param name="live">The plan the live readings give.</param>
    /// <param name="approved">The plan re-derived from the plan file's readings (<see cref="SavedPlan.Planned"/>).
    /// </param>
    /// <param name="target">The target as described now (endpoint).</param>
    public static IReadOnlyList<Finding> Compare(PlanDocument saved, string configDigest, string target,
        AdvancementPlan live, AdvancementPlan approved, MaxDrift maxDrift)
    {
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(approved);
        ArgumentNullException.ThrowIfNull(maxDrift);
        var findings = new List<Finding>();
        var configChanged = !string.Equals(saved.Config.Sha256, configDigest, StringComparison.OrdinalIgnoreCase);
        if (configChanged)
        {
            findings.Add(Finding.Create(FindingCatalog.PlanDrift, saved.Config.File, ("file", saved.Config.File),
                ("planned", Short(saved.Config.Sha256)), ("now", Short(configDigest))));
        }
        if (!string.Equals(saved.Target.Description, target, StringComparison.Ordinal))
        {
            findings.Add(Finding.Create(FindingCatalog.PlanDrift, "target", target, ("planned",
                saved.Target.Description), ("now", target)));
        }
        var liveRows = BySequence(live.Sequences);
        var approvedRows = BySequence(approved.Sequences);
        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in saved.Sequences)
        {
            var name = row.Sequence!;
            planned.Add(name);
            if (!liveRows.TryGetValue(name, out var now) || now.Current is null || now.Unresolved)
            {
                var why = now is null ? "no entry resolves to it" : "its table, column or sequence is missing";
                findings.Add(Drift("missing", name, ("why", why)));
                continue;
            }
            var before = findings.Count;
            findings.AddRange(Structure(row, now));
            findings.AddRange(References(row, now, maxDrift));
            if (findings.Count == before && !configChanged && approvedRows.TryGetValue(name, out var again)
                && (again.Action != row.Action || again.NewValue != row.NewValue))
            {
                // The plan's own readings no longer give its values: edited by hand, or made by another version.
                findings.Add(Drift("values", name, ("planned", row.NewValue),
                    ("now", again.NewValue)));
            }
        }
        foreach (var row in live.Sequences.Where(r => r.Sequence is not null
            && !planned.Contains(r.Sequence.ToString())))
        {
            findings.Add(Drift("unplanned", row.Sequence!.ToString()));
        }
        return findings;
    }

    /// <summary>Definition, tables and position: any change means the plan no longer describes the sequence.</summary>
    private static IEnumerable<Finding> Structure(PlanRow row, PlannedSequence now)
    {
        var name = row.Sequence!;
        var live = SavedPlan.DefinitionOf(now.Current!);
        var was = row.Definition!;
        var changes = new List<string>();
        void Compare<T>(string field, T planned, T current)
        {
            if (!EqualityComparer<T>.Default.Equals(planned, current))
            {
                changes.Add($"{field} {planned} → {current}");
            }
        }
        Compare("type", was.DataType, live.DataType);
        Compare("increment", was.Increment, live.Increment);
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
        if (plannedNext != now.Current!.NextValue)
        {
            yield return Drift("position", name, ("planned", plannedNext), ("now", now.Current.NextValue));
        }
    }

    /// <summary>The live source value and keys against the planned reference, within the allowed drift.</summary>
    private static IEnumerable<Finding> References(PlanRow row, PlannedSequence now, MaxDrift maxDrift)
    {
        var name = row.Sequence!;
        var descending = row.Definition!.Increment < 0;
        BigInteger? keys = now.TargetMax is { } max && row.BlockSize is { } k ? Hilo.CeilingDivide(max, k)
            : now.TargetMax;
        var margin = row.BlockSize is { } size ? Hilo.CeilingDivide(row.Margin, size) : row.Margin;
        if (row.Reference is not { } reference)
        {
            if (now.Reference is { } appeared)
            {
                yield return Drift("none", name, ("now", appeared));
            }
            yield break;
        }
        var allowed = maxDrift.Allowed(margin);
        foreach (var (variant, value) in new[] { ("source", now.SourceLast), ("keys", keys) })
        {
            if (value is { } v && (descending ? reference - v : v - reference) is var over && over > allowed)
            {
                yield return Drift(variant, name, ("now", v), ("over", over), ("reference", reference),
                    ("maxDrift", maxDrift), ("allowed", allowed), ("margin", margin));
            }
        }
    }

    private static Dictionary<string, PlannedSequence> BySequence(IEnumerable<PlannedSequence> rows) =>
        rows.Where(r => r.Sequence is not null).GroupBy(r => r.Sequence!.ToString(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static Finding Drift(string variant, string sequence, params (string, object?)[] arguments) =>
        Finding.Create(FindingCatalog.PlanDrift, variant, sequence, [("sequence", sequence), .. arguments]);

    private static string Short(string digest) => digest.Length > 12 ? digest[..12] : digest;
}
