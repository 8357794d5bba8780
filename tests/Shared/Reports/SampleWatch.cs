using CutoverSequencer.Core.Watch;

namespace CutoverSequencer.Tests;

/// <summary>
/// The watch report the unit tests and the HTML check render: four rounds a minute apart, one source consuming
/// its margin down to 10%, a sequence whose name needs escaping, one with no reference, one re-advance.
/// </summary>
internal static class SampleWatch
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    internal static WatchReport Report(string status = "ended", int? exitCode = 0)
    {
        var tracker = new WatchTracker(new WatchSettings(0.25, Start.AddHours(1)));
        long[] sources = [5300, 5600, 5900, 6200];
        for (var i = 0; i < sources.Length; i++)
        {
            tracker.Observe(Start.AddMinutes(i),
            [
                new WatchSample("public.users_id_seq", false, 6301, sources[i], 5000, sources[i], 1000, false),
                new WatchSample("public.orders_<id>_seq", false, 751, 700, 650, 700, 50, false),
                new WatchSample("public.audit_seq", false, 1, null, null, null, 1000, false),
            ]);
        }
        tracker.Record(new WatchReAdvance(4, Start.AddMinutes(3), "/reports/watch/re-advance-1",
            ["public.users_id_seq"], "verified", 0));
        return new WatchReport("/configs/finance.yaml", "postgres: old primary", "pg.internal:5432/finance",
            TimeSpan.FromMinutes(1), Start.AddHours(2), FailOnLow: false, ReAdvance: true, Start, tracker)
        {
            Status = status, ExitCode = exitCode, EndReason = "until", EndedAt = Start.AddMinutes(3),
        };
    }
}
