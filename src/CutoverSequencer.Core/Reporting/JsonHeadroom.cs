namespace CutoverSequencer.Core.Reporting;

/// <summary>
/// A key's headroom after the plan: the last value its limit allows (null beyond 64 bits), what sets the limit,
/// the values left, their share of the range, and at the known rate (per hour) the hours they last.
/// </summary>
internal sealed record JsonHeadroom(long? Limit, string LimitedBy, long? ValuesLeft, double PercentLeft,
    double? ValuesPerHour, double? HoursLeft);
