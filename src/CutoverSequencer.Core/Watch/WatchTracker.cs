using System.Numerics;
using CutoverSequencer.Core.Findings;

namespace CutoverSequencer.Core.Watch;

/// <summary>
/// The watch's memory (pure: the caller reads and gives the time): each round's samples become statuses,
/// measured against the history of earlier rounds. Positions that move backwards, source values that move
/// backwards, margins under the threshold, used up or running out before the cutover time become findings.
/// </summary>
public sealed class WatchTracker(WatchSettings settings)
{
    /// <summary>The codes --fail-on low fails on.</summary>
    public static readonly IReadOnlySet<string> MarginAlerts = new HashSet<string>(StringComparer.Ordinal)
    {
        FindingCatalog.WatchMarginLow, FindingCatalog.WatchMarginExhausted, FindingCatalog.WatchRunsOutBeforeCutover,
    };

    private readonly List<WatchRound> rounds = [];
    private readonly List<WatchReAdvance> reAdvances = [];
    private readonly Dictionary<string, List<(DateTimeOffset At, BigInteger Reference)>> references =
        new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Round, BigInteger Next)> positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Round, BigInteger Source)> sources = new(StringComparer.Ordinal);

    public WatchSettings Settings => settings;

    public IReadOnlyList<WatchRound> Rounds => rounds;

    public IReadOnlyList<WatchReAdvance> ReAdvances => reAdvances;

    /// <summary>Every sequence seen, in the order first seen.</summary>
    public IEnumerable<string> Sequences => rounds.SelectMany(r => r.Sequences.Select(s => s.Sequence)).Distinct(
        StringComparer.Ordinal);

    public void Record(WatchReAdvance reAdvance) => reAdvances.Add(reAdvance);

    public WatchRound Observe(DateTimeOffset at, IEnumerable<WatchSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var number = rounds.Count + 1;
        var findings = new List<Finding>();
        var statuses = new List<WatchStatus>();
        foreach (var sample in samples)
        {
            statuses.Add(Measure(number, at, sample, findings));
        }
        var round = new WatchRound(number, at, statuses, Finding.Ordered(findings));
        rounds.Add(round);
        return round;
    }

    private WatchStatus Measure(int round, DateTimeOffset at, WatchSample sample, List<Finding> findings)
    {
        var name = sample.Sequence;
        var alerts = new List<string>();
        void Raise(string code, params (string, object?)[] arguments)
        {
            findings.Add(Finding.Create(code, name, arguments));
            alerts.Add(code);
        }

        // Backwards: the next value it hands out is behind an earlier round's (ahead, when descending).
        if (sample.Next is { } next)
        {
            if (positions.TryGetValue(name, out var earlier) && Behind(next, earlier.Next, sample.Descending))
            {
                Raise(FindingCatalog.SequenceMovedBackwards, ("sequence", name), ("old", earlier.Next),
                    ("new", next), ("round", earlier.Round));
            }
            positions[name] = (round, next);
        }
        if (sample.Source is { } source)
        {
            if (sources.TryGetValue(name, out var earlier) && Behind(source, earlier.Source, sample.Descending))
            {
                Raise(FindingCatalog.SourceMovedBackwards, ("sequence", name), ("old", earlier.Source),
                    ("new", source), ("round", earlier.Round));
                // A restored or older export: the rate starts again from this reading.
                references.Remove(name);
            }
            sources[name] = (round, source);
        }

        if (sample.Blocked || sample.Next is null || sample.Reference is null)
        {
            var state = sample.Blocked ? WatchState.Blocked
                : sample.Next is null ? WatchState.NotRead
                : WatchState.NoReference;
            return new WatchStatus(name, state, sample.Next, sample.Source, sample.Keys, sample.Reference, null,
                sample.MarginHad, null, null, null, alerts);
        }

        var reference = sample.Reference.Value;
        var history = references.TryGetValue(name, out var list) ? list : references[name] = [];
        history.Add((at, reference));
        if (history.Count > settings.RateWindow)
        {
            history.RemoveAt(0);
        }
        var left = sample.Descending ? reference - sample.Next.Value : sample.Next.Value - reference;
        double? share = sample.MarginHad > 0 ? (double)left / sample.MarginHad : null;
        var rate = Rate(history, sample.Descending);
        DateTimeOffset? runsOut = left <= 0 ? at
            : rate is > 0 ? RunsOut(at, left, rate.Value)
            : null;

        WatchState measured;
        if (left <= 0)
        {
            measured = WatchState.Exhausted;
            Raise(FindingCatalog.WatchMarginExhausted, ("sequence", name), ("next", sample.Next.Value),
                ("reference", reference), ("left", left));
        }
        else if (share is { } s && s < settings.Threshold)
        {
            measured = WatchState.Low;
            Raise(FindingCatalog.WatchMarginLow, ("sequence", name), ("left", left), ("margin", sample.MarginHad),
                ("share", s * 100), ("threshold", settings.Threshold * 100), ("rate", rate),
                ("runsOut", runsOut?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'",
                    System.Globalization.CultureInfo.InvariantCulture)));
        }
        else
        {
            measured = WatchState.Ok;
        }
        if (left > 0 && runsOut is { } when && settings.CutoverAt is { } cutover && when < cutover)
        {
            Raise(FindingCatalog.WatchRunsOutBeforeCutover, ("sequence", name), ("left", left), ("rate", rate),
                ("runsOut", Utc(when)), ("cutover", Utc(cutover)));
        }
        return new WatchStatus(name, measured, sample.Next, sample.Source, sample.Keys, reference, left,
            sample.MarginHad, share, rate, runsOut, alerts);
    }

    private static string Utc(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static bool Behind(BigInteger now, BigInteger earlier, bool descending) =>
        descending ? now > earlier : now < earlier;

    private static DateTimeOffset? RunsOut(DateTimeOffset at, BigInteger left, double rate)
    {
        // Whole seconds, rounded down: a run-out said a little early is the safe side.
        var seconds = Math.Floor((double)left / rate);
        // Beyond what a DateTimeOffset holds: as good as never, and said so (null).
        return seconds < (DateTimeOffset.MaxValue - at).TotalSeconds ? at.AddSeconds(seconds) : null;
    }

    /// <summary>
    /// Values consumed per second: the least-squares slope of the reference over the recent readings (its
    /// fall, when descending); null with fewer than two readings or no time between them.
    /// </summary>
    public static double? Rate(IReadOnlyList<(DateTimeOffset At, BigInteger Reference)> history, bool descending)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count < 2)
        {
            return null;
        }
        var origin = history[0];
        var points = history.Select(h => ((h.At - origin.At).TotalSeconds,
            (double)(descending ? origin.Reference - h.Reference : h.Reference - origin.Reference))).ToList();
        var meanT = points.Average(p => p.Item1);
        var meanV = points.Average(p => p.Item2);
        var spread = points.Sum(p => (p.Item1 - meanT) * (p.Item1 - meanT));
        if (spread <= 0)
        {
            return null;
        }
        var slope = points.Sum(p => (p.Item1 - meanT) * (p.Item2 - meanV)) / spread;
        return Math.Max(0, slope);
    }
}
