using System.Numerics;

namespace CutoverSequencer.Core.Model;

/// <summary>
/// One source sequence as the source dictionary describes it. Values are <see cref="BigInteger"/>
/// because Oracle NUMBER holds 28 digits (NOMAXVALUE is 9999999999999999999999999999).
/// </summary>
public sealed record SourceSequence(
    string Owner,
    string Name,
    BigInteger MinValue,
    BigInteger MaxValue,
    BigInteger IncrementBy,
    bool Cycle,
    bool Order,
    BigInteger CacheSize,
    BigInteger LastNumber,
    bool Scalable,
    bool SessionScoped,
    string Location)
{
    public string FullName => $"{Owner}.{Name}";
}
