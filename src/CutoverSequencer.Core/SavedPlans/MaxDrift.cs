using System.Globalization;
using System.Numerics;

namespace CutoverSequencer.Core.SavedPlans;

/// <summary>
/// <c>--max-drift</c>: how far past the planned reference a source value or key may be on apply, as a share
/// of each sequence's margin (<c>50%</c>, the default) or a number of values. Never more than the margin:
/// beyond it the planned next value would no longer clear the reference.
/// </summary>
public sealed record MaxDrift(decimal? Percent, BigInteger? Values)
{
    public static MaxDrift Default { get; } = new(50m, null);

    /// <summary>The drift allowed for a sequence planned with <paramref name="margin"/>.</summary>
    public BigInteger Allowed(BigInteger margin)
    {
        var allowed = Percent is { } percent
            ? new BigInteger(decimal.Floor((decimal)margin * percent / 100m))
            : Values ?? 0;
        return BigInteger.Min(BigInteger.Max(allowed, 0), margin);
    }

    /// <summary><c>N%</c> (0–100) or a whole number of values; null, with <paramref name="problem"/>, if neither.
    /// </summary>
    public static MaxDrift? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        var trimmed = text.Trim();
        if (trimmed.EndsWith('%'))
        {
            if (decimal.TryParse(trimmed[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                out var percent) && percent is >= 0 and <= 100)
            {
                return new MaxDrift(percent, null);
            }
            problem = $"--max-drift '{text}': a share of the margin is 0% to 100%";
            return null;
        }
        if (BigInteger.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var values))
        {
            return new MaxDrift(null, values);
        }
        problem = $"--max-drift '{text}': give a share of each margin (50%) or a whole number of values (1000)";
        return null;
    }

    public override string ToString() => Percent is { } percent
        ? percent.ToString(CultureInfo.InvariantCulture) + "% of the margin"
        : Values!.Value.ToString("N0", CultureInfo.InvariantCulture) + " values";
}
