using System.Numerics;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Watch;

namespace CutoverSequencer.Tests.Watch;

/// <summary>
/// The watch's arithmetic on a fake clock: a round every minute, the source or the keys moving between them.
/// After apply: source 5,300, keys 5,000, margin 1,000, setval 6,300 (next value 6,301).
/// </summary>
public sealed class WatchTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    private sealed class FakeClock
    {
        public DateTimeOffset Now { get; private set; } = Start;

        public DateTimeOffset Tick(TimeSpan by)
        {
            Now += by;
            return Now;
        }
    }

    private static WatchSample Sample(BigInteger? next, BigInteger? source, BigInteger? keys, long margin = 1000,
        bool descending = false, bool blocked = false)
    {
        BigInteger? reference = (source, keys) switch
        {
            (null, null) => null,
            ({ } s, null) => s,
            (null, { } k) => k,
            ({ } s, { } k) => descending ? BigInteger.Min(s, k) : BigInteger.Max(s, k),
        };
        return new WatchSample("public.users_id_seq", descending, next, source, keys, reference, margin, blocked);
    }

    [Fact]
    public void Right_after_apply_the_margin_left_is_the_next_value_past_max_of_source_and_keys()
    {
        var tracker = new WatchTracker(new WatchSettings(0.25));

        var round = tracker.Observe(Start, [Sample(6301, 5300, 5000)]);

        var status = Assert.Single(round.Sequences);
        Assert.Equal(WatchState.Ok, status.State);
        Assert.Equal(1001, status.MarginLeft);
        Assert.Equal(1.001, status.Share!.Value, 6);
        // One reading: the rate is not known, so no run-out is projected.
        Assert.Null(status.Rate);
        Assert.Null(status.RunsOutAt);
        Assert.Empty(round.Findings);
    }

    [Fact]
    public void A_source_consuming_its_margin_gets_a_rate_a_run_out_time_and_a_low_alert_under_the_threshold()
    {
        var clock = new FakeClock();
        var tracker = new WatchTracker(new WatchSettings(0.25));
        tracker.Observe(clock.Now, [Sample(6301, 5300, 5000)]);
        // 4 values a second: 240 a minute.
        tracker.Observe(clock.Tick(TimeSpan.FromMinutes(1)), [Sample(6301, 5540, 5000)]);
        tracker.Observe(clock.Tick(TimeSpan.FromMinutes(1)), [Sample(6301, 5780, 5000)]);
        var ok = tracker.Rounds[^1].Sequences[0];
        Assert.Equal(WatchState.Ok, ok.State);
        Assert.Equal(521, ok.MarginLeft);
        Assert.Equal(4.0, ok.Rate!.Value, 6);
        // 521 / 4 = 130.25 s: said in whole seconds, rounded down.
        Assert.Equal(clock.Now.AddSeconds(130), ok.RunsOutAt);

        var low = tracker.Observe(clock.Tick(TimeSpan.FromMinutes(1)), [Sample(6301, 6100, 5000)]);

        var status = low.Sequences[0];
        Assert.Equal(WatchState.Low, status.State);
        Assert.Equal(201, status.MarginLeft);
        var finding = Assert.Single(low.Findings);
        Assert.Equal(FindingCatalog.WatchMarginLow, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.StartsWith("public.users_id_seq has 201 values of margin left, 20.1% of its margin 1,000 (threshold 25%)",
            finding.Message, StringComparison.Ordinal);
        Assert.Contains("it runs out at", finding.Message, StringComparison.Ordinal);
        Assert.True(low.MarginAlert);
        Assert.Equal(["public.users_id_seq"], low.UnderThreshold.Select(s => s.Sequence));
        Assert.Equal([FindingCatalog.WatchMarginLow], status.Alerts);
    }

    [Fact]
    public void A_margin_that_runs_out_before_the_cutover_time_is_an_alert_though_above_the_threshold()
    {
        var clock = new FakeClock();
        var tracker = new WatchTracker(new WatchSettings(0.25, Start.AddMinutes(30)));
        tracker.Observe(clock.Now, [Sample(6301, 5300, 5000)]);

        // 100 a minute: 901 left run out in about 9 minutes, before the cutover in 29.
        var round = tracker.Observe(clock.Tick(TimeSpan.FromMinutes(1)), [Sample(6301, 5400, 5000)]);

        Assert.Equal(WatchState.Ok, round.Sequences[0].State);
        var finding = Assert.Single(round.Findings);
        Assert.Equal(FindingCatalog.WatchRunsOutBeforeCutover, finding.Code);
        Assert.Contains("before the cutover at 2026-11-21 03:30:00 UTC", finding.Message, StringComparison.Ordinal);
        Assert.True(round.MarginAlert);
        Assert.Empty(round.UnderThreshold);
    }

    [Fact]
    public void A_next_value_at_or_behind_the_reference_is_an_exhausted_margin()
    {
        var tracker = new WatchTracker(new WatchSettings(0.25));

        var round = tracker.Observe(Start, [Sample(6301, 6301, 5000)]);

        Assert.Equal(WatchState.Exhausted, round.Sequences[0].State);
        Assert.Equal(0, round.Sequences[0].MarginLeft);
        Assert.Equal(Start, round.Sequences[0].RunsOutAt);
        var finding = Assert.Single(round.Findings);
        Assert.Equal(FindingCatalog.WatchMarginExhausted, finding.Code);
        Assert.Equal(Severity.Blocking, finding.Severity);
    }

    [Fact]
    public void A_sequence_set_backwards_between_rounds_is_a_blocking_finding_naming_old_and_new_values()
    {
        var clock = new FakeClock();
        var tracker = new WatchTracker(new WatchSettings(0.25));
        tracker.Observe(clock.Now, [Sample(6301, 5300, 5000)]);
        tracker.Observe(clock.Tick(TimeSpan.FromMinutes(1)), [Sample(6310, 5300, 5000)]);

        var round = tracker.Observe(clock.Tick(TimeSpan.FromMinutes(1)), [Sample(5501, 5300, 5000)]);

        Assert.True(round.MovedBackwards);
        var finding = round.Findings.Single(f => f.Code == FindingCatalog.SequenceMovedBackwards);
        Assert.Equal(Severity.Blocking, finding.Severity);
        Assert.Equal("public.users_id_seq moved backwards: its next value was 6,310 in round 2, it is 5,501 now " +
            "(another session set it lower).", finding.Message);
    }

    [Fact]
    public void Descending_sequences_mirror_the_margin_and_the_backwards_rule()
    {
        var clock = new FakeClock();
        var tracker = new WatchTracker(new WatchSettings(0.25));
        // Source -5,300, keys down to -5,000, next value -6,301.
        var first = tracker.Observe(clock.Now, [Sample(-6301, -5300, -5000, descending: true)]);
        Assert.Equal(1001, first.Sequences[0].MarginLeft);

        var second = tracker.Observe(clock.Tick(TimeSpan.FromMinutes(1)),
            [Sample(-6301, -5540, -5000, descending: true)]);
        Assert.Equal(761, second.Sequences[0].MarginLeft);
        Assert.Equal(4.0, second.Sequences[0].Rate!.Value, 6);

        // Moving up is backwards for a descending sequence.
        var third = tracker.Observe(clock.Tick(TimeSpan.FromMinutes(1)),
            [Sample(-6000, -5540, -5000, descending: true)]);
        Assert.True(third.MovedBackwards);
    }

    [Fact]
    public void A_source_value_that_moves_backwards_is_a_warning_and_the_rate_starts_again()
    {
        var clock = new FakeClock();
        var tracker = new WatchTracker(new WatchSettings(0.25));
        tracker.Observe(clock.Now, [Sample(6301, 5300, 5000)]);
        tracker.Observe(clock.Tick(TimeSpan.FromMinutes(1)), [Sample(6301, 5600, 5000)]);

        var round = tracker.Observe(clock.Tick(TimeSpan.FromMinutes(1)), [Sample(6301, 5400, 5000)]);

        var finding = Assert.Single(round.Findings);
        Assert.Equal(FindingCatalog.SourceMovedBackwards, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.False(round.MovedBackwards);
        Assert.Contains("5,600 in round 2, 5,400 now", finding.Message, StringComparison.Ordinal);
        Assert.Null(round.Sequences[0].Rate);
        Assert.Equal(901, round.Sequences[0].MarginLeft);
    }

    [Fact]
    public void A_margin_not_consumed_has_rate_zero_and_no_run_out_time()
    {
        var clock = new FakeClock();
        var tracker = new WatchTracker(new WatchSettings(0.25));
        tracker.Observe(clock.Now, [Sample(6301, 5300, 5000)]);

        var round = tracker.Observe(clock.Tick(TimeSpan.FromMinutes(1)), [Sample(6301, 5300, 5000)]);

        Assert.Equal(0, round.Sequences[0].Rate);
        Assert.Null(round.Sequences[0].RunsOutAt);
        Assert.Equal("not consumed", WatchReportWriter.RunsOut(round.Sequences[0]));
    }

    [Fact]
    public void A_sequence_with_no_reference_blocked_or_not_read_is_reported_without_a_margin()
    {
        var tracker = new WatchTracker(new WatchSettings(0.25));

        var round = tracker.Observe(Start,
        [
            Sample(6301, null, null) with { Sequence = "a" },
            Sample(6301, 5300, 5000, blocked: true) with { Sequence = "b" },
            Sample(null, 5300, null) with { Sequence = "c" },
        ]);

        Assert.Equal([WatchState.NoReference, WatchState.Blocked, WatchState.NotRead],
            round.Sequences.Select(s => s.State));
        Assert.All(round.Sequences, s => Assert.Null(s.MarginLeft));
        Assert.Empty(round.Findings);
        Assert.Empty(round.UnderThreshold);
    }

    [Fact]
    public void The_rate_is_a_least_squares_fit_over_the_recent_readings()
    {
        var history = new List<(DateTimeOffset, BigInteger)>
        {
            (Start, 100), (Start.AddSeconds(10), 130), (Start.AddSeconds(20), 150), (Start.AddSeconds(30), 190),
        };

        Assert.Equal(2.9, WatchTracker.Rate(history, descending: false)!.Value, 6);
        Assert.Null(WatchTracker.Rate(history.Take(1).ToList(), descending: false));
        Assert.Null(WatchTracker.Rate([(Start, 1), (Start, 5)], descending: false));
    }
}
