using System.Globalization;
using System.Numerics;

namespace CutoverSequencer.Core.Wording;

/// <summary>How every report and console line spells a value: digits grouped, invariant culture.</summary>
public static class Numbers
{
    public static string Format(BigInteger value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
