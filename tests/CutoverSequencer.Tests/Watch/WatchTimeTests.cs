using CutoverSequencer.Core.Watch;

namespace CutoverSequencer.Tests.Watch;

public sealed class WatchTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 17, 30, 0, TimeSpan.Zero);

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.CreateCustomTimeZone("test+1", TimeSpan.FromHours(1),
        "test+1", "test+1");

    [Theory]
    [InlineData("60s", 60)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("2h", 7200)]
    [InlineData("1m30s", 90)]
    [InlineData("500ms", 0.5)]
    public void Durations_are_read_in_hours_minutes_seconds_and_milliseconds(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), WatchTime.ParseDuration(text, "--interval", out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0s")]
    [InlineData("60")]
    [InlineData("5x")]
    [InlineData("-5m")]
    [InlineData("m")]
    public void A_bad_duration_is_a_one_line_problem(string text)
    {
        Assert.Null(WatchTime.ParseDuration(text, "--interval", out var problem));
        Assert.StartsWith($"--interval '{text}': not a positive duration", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Until_takes_a_duration_from_now_or_a_time()
    {
        Assert.Equal(Now.AddMinutes(30), WatchTime.ParseUntil("30m", Now, Berlin, out _));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 19, 0, 0, TimeSpan.Zero),
            WatchTime.ParseUntil("2026-12-02T19:00:00Z", Now, Berlin, out _));
        // Without an offset: the given zone's time.
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 19, 0, 0, TimeSpan.FromHours(1)),
            WatchTime.ParseUntil("2026-12-02T19:00", Now, Berlin, out _));
        Assert.Null(WatchTime.ParseUntil("tomorrow", Now, Berlin, out var problem));
        Assert.StartsWith("--until 'tomorrow': neither a duration", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_of_day_is_the_next_one_local_or_utc()
    {
        // 17:30 UTC is 18:30 in the zone: 19:00 local is today, 18:00 local tomorrow.
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 19, 0, 0, TimeSpan.FromHours(1)),
            WatchTime.ParseTime("19:00", "--cutover-at", Now, Berlin, out _));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 18, 0, 0, TimeSpan.FromHours(1)),
            WatchTime.ParseTime("18:00", "--cutover-at", Now, Berlin, out _));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 18, 0, 0, TimeSpan.Zero),
            WatchTime.ParseTime("18:00Z", "--cutover-at", Now, Berlin, out _));
        Assert.Null(WatchTime.ParseTime("25:00", "--cutover-at", Now, Berlin, out var problem));
        Assert.StartsWith("--cutover-at '25:00': not a time", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("25%", 0.25)]
    [InlineData("25", 0.25)]
    [InlineData("12.5%", 0.125)]
    [InlineData("100%", 1)]
    public void Shares_are_percentages(string text, double share) =>
        Assert.Equal(share, WatchTime.ParseShare(text, "--threshold", out _));

    [Theory]
    [InlineData("0%")]
    [InlineData("101%")]
    [InlineData("-5%")]
    [InlineData("a lot")]
    public void A_bad_share_is_a_one_line_problem(string text)
    {
        Assert.Null(WatchTime.ParseShare(text, "--threshold", out var problem));
        Assert.StartsWith($"--threshold '{text}': not a share", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60, "1m")]
    [InlineData(5400, "1h30m")]
    [InlineData(45, "45s")]
    [InlineData(0.5, "500ms")]
    public void Durations_are_written_back_short(double seconds, string text) =>
        Assert.Equal(text, WatchTime.Format(TimeSpan.FromSeconds(seconds)));
}
