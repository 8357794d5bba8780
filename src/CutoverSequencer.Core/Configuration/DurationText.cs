using System.Globalization;
using System.Text.RegularExpressions;

namespace CutoverSequencer.Core.Configuration;

/// <summary>
/// The one duration syntax (configuration keys and command-line options): 200ms, 1.5s, 45s, 2m, 90m, 1h30m,
/// 1d, or ISO 8601 (PT30S). A bare number is refused: PostgreSQL reads 90 as milliseconds where a person may
/// mean seconds.
/// </summary>
public static partial class DurationText
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Forms = "200ms, 1.5s, 45s, 2m, 90m, 1h30m, 1d, or ISO 8601 such as PT30S, PT1H30M";

    public enum Outcome
    {
        Duration,
        NoUnit,
        TooLong,
        NotADuration,
        NotPositive,
    }

    /// <summary>Reads <paramref name="text"/>; <paramref name="span"/> is set when the outcome is Duration.</summary>
    public static Outcome Read(string text, out TimeSpan span)
    {
        ArgumentNullException.ThrowIfNull(text);
        span = default;
        var trimmed = text.Trim();
        var match = DurationPattern().Match(trimmed);
        TimeSpan? read = null;
        if (match.Success && match.Value.Length > 0 && match.Groups.Cast<Group>().Skip(1).Any(g => g.Success))
        {
            double Part(string name) => match.Groups[name].Success
                ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture)
                : 0;
            try
            {
                read = TimeSpan.FromDays(Part("d")) + TimeSpan.FromHours(Part("h"))
                    + TimeSpan.FromMinutes(Part("m"))
                    + TimeSpan.FromSeconds(Part("s")) + TimeSpan.FromMilliseconds(Part("ms"));
            }
            catch (OverflowException)
            {
                return Outcome.TooLong;
            }
        }
        else if (trimmed.StartsWith('P') || trimmed.StartsWith('p')
                 || trimmed.StartsWith("-P", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                read = System.Xml.XmlConvert.ToTimeSpan(trimmed.ToUpperInvariant());
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                // Not a duration: said by the caller with the accepted forms.
            }
        }
        else if (decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            return Outcome.NoUnit;
        }
        if (read is not { } value)
        {
            return Outcome.NotADuration;
        }
        span = value;
        return value > TimeSpan.Zero ? Outcome.Duration : Outcome.NotPositive;
    }

    [GeneratedRegex(@"^(?:(?<d>\d+(?:\.\d+)?)d)?\s*(?:(?<h>\d+(?:\.\d+)?)h)?\s*(?:(?<m>\d+(?:\.\d+)?)m(?:in)?)?\s*" +
        @"(?:(?<s>\d+(?:\.\d+)?)s)?\s*(?:(?<ms>\d+(?:\.\d+)?)ms)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();
}
