using System.Numerics;

namespace CutoverSequencer.Core.Watch;

/// <summary>
/// One sequence in one round: what was read, the margin left (next value − max(source, keys); mirrored
/// when descending), its share of the margin the plan gives the sequence, the rate the reference climbs
/// at (values per second, null while unknown) and when the margin runs out at that rate (null: rate zero
/// or unknown). <see cref="Alerts"/> are the finding codes raised for it this round.
/// </summary>
public sealed record WatchStatus(
    string Sequence,
    WatchState State,
    BigInteger? Next,
    BigInteger? Source,
    BigInteger? Keys,
    BigInteger? Reference,
    BigInteger? MarginLeft,
    long MarginHad,
    double? Share,
    double? Rate,
    DateTimeOffset? RunsOutAt,
    IReadOnlyList<string> Alerts);
