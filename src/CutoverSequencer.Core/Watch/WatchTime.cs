using System.Globalization;
using System.Text.RegularExpressions;
using CutoverSequencer.Core.Configuration;

namespace CutoverSequencer.Core.Watch;

/// <summary>
/// The watch's command-line values: durations as the configuration writes them (<c>60s</c>, <c>5m</c>,
/// <c>1h30m</c>, <c>500ms</c>), times
/// (ISO 8601, or <c>HH:mm</c> for the next such time of day), shares (<c>25%</c>). Each returns null and a
/// one-line problem when the text is not one.
/// </summary>
public static partial class WatchTime
{
    [GeneratedRegex(@"^(?<h>[01]?\d|2[0-3]):(?<m>[0-5]\d)(?<z>Z)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDayPattern();

    /// <summary>
    /// A positive duration in the configuration's forms (<see cref="DurationText"/>): 60s, 5m, 1h30m, 500ms.
    /// </summary>
    public static TimeSpan? ParseDuration(string text, string option, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        if (DurationText.Read(text, out var duration) == DurationText.Outcome.Duration)
        {
            return duration;
        }
        problem = $"{option} '{text}': not a positive duration ({DurationText.Forms})";
        return null;
    }

    /// <summary>
    /// A point in time: ISO 8601 (<c>2026-12-02T19:00:00Z</c>; without an offset, in <paramref name="zone"/>),
    /// or <c>HH:mm</c> (<paramref name="zone"/>) / <c>HH:mmZ</c> (UTC): the next such time of day after
    /// <paramref name="now"/>, so 02:00 given at 23:00 is tomorrow's.
    /// </summary>
    public static DateTimeOffset? ParseTime(string text, string option, DateTimeOffset now, TimeZoneInfo zone,
        out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        problem = null;
        var trimmed = text.Trim();
        if (TimeOfDayPattern().Match(trimmed) is { Success: true } clock)
        {
            var utc = clock.Groups["z"].Success;
            var local = utc ? now.ToUniversalTime() : TimeZoneInfo.ConvertTime(now, zone);
            var time = new TimeSpan(int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture),
                int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture), 0);
            var day = local.Date + time;
            var at = utc ? new DateTimeOffset(day, TimeSpan.Zero) : new DateTimeOffset(day, zone.GetUtcOffset(day));
            return at <= now ? at.AddDays(1) : at;
        }
        if (trimmed.Contains('T', StringComparison.Ordinal) || trimmed.Contains(' ', StringComparison.Ordinal))
        {
            var offsetGiven = trimmed.EndsWith('Z') || OffsetSuffix().IsMatch(trimmed);
            if (offsetGiven && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture,
                    DateTimeStyles.AllowWhiteSpaces, out var exact))
            {
                return exact;
            }
            if (!offsetGiven && DateTime.TryParse(trimmed, CultureInfo.InvariantCulture,
                    DateTimeStyles.AllowWhiteSpaces, out var unzoned))
            {
                var wall = DateTime.SpecifyKind(unzoned, DateTimeKind.Unspecified);
                return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            }
        }
        problem = $"{option} '{text}': not a time (an ISO 8601 time such as 2026-12-02T19:00:00Z, or HH:mm local, " +
            "HH:mmZ UTC)";
        return null;
    }

    [GeneratedRegex(@"[+-]\d{2}:?\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetSuffix();

    /// <summary>
    /// --until: a duration from <paramref name="now"/>, or a time as <see cref="ParseTime"/> reads it.
    /// </summary>
    public static DateTimeOffset? ParseUntil(string text, DateTimeOffset now, TimeZoneInfo zone, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (ParseDuration(text, "--until", out _) is { } duration)
        {
            problem = null;
            return now + duration;
        }
        if (ParseTime(text, "--until", now, zone, out _) is { } time)
        {
            problem = null;
            return time;
        }
        problem = $"--until '{text}': neither a duration (30m, 1h30m) nor a time (ISO 8601, HH:mm local, HH:mmZ UTC)";
        return null;
    }

    /// <summary>A share such as <c>25%</c> (or <c>25</c>): above 0, at most 100%; returned as a fraction.</summary>
    public static double? ParseShare(string text, string option, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        var number = text.Trim().TrimEnd('%').Trim();
        if (number.Length > 0 && double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                out var percent) && percent > 0 && percent <= 100)
        {
            return percent / 100;
        }
        problem = $"{option} '{text}': not a share above 0% and at most 100% (for example 25%)";
        return null;
    }

    /// <summary>A duration as the watch writes it: <c>1h30m</c>, <c>45s</c>, <c>500ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalMilliseconds}ms");
        }
        var parts = new List<string>();
        if ((long)duration.TotalHours > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalHours}h"));
        }
        if (duration.Minutes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes}m"));
        }
        if (duration.Seconds > 0 || parts.Count == 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Seconds}s"));
        }
        return string.Concat(parts);
    }
}
