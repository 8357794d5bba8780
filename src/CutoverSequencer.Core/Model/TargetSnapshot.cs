using System.Numerics;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Model;

/// <summary>A PostgreSQL sequence's definition and current position, read without consuming a value.</summary>
public sealed record TargetSequence(
    QualifiedName Name,
    string DataType,
    long StartValue,
    long Increment,
    long MinValue,
    long MaxValue,
    long CacheSize,
    bool Cycle,
    long LastValue,
    bool IsCalled)
{
    /// <summary>has_sequence_privilege(..., 'UPDATE') for the connecting user: setval needs it.</summary>
    public bool CanUpdate { get; init; } = true;

    /// <summary>The sequence's pg_class OID in the target (0 when not known).</summary>
    public uint Oid { get; init; }

    public bool Descending => Increment < 0;

    /// <summary>What the next nextval returns: last_value + increment once called, else last_value.</summary>
    public BigInteger NextValue => IsCalled ? (BigInteger)LastValue + Increment : LastValue;
}

/// <summary>The key column a sequence feeds.</summary>
public sealed record TargetColumn(QualifiedName Table, string Name, string DataType)
{
    /// <summary>
    /// The whole numbers the column's type can hold, or null when the type sets no limit of its own:
    /// smallint, integer, bigint, and numeric(p, s), which keeps p - s digits before the point.
    /// </summary>
    public (BigInteger Min, BigInteger Max)? IntegerRange => DataType switch
    {
        "smallint" => (short.MinValue, short.MaxValue),
        "integer" => (int.MinValue, int.MaxValue),
        "bigint" => (long.MinValue, long.MaxValue),
        _ => NumericRange(DataType),
    };

    private static (BigInteger Min, BigInteger Max)? NumericRange(string type)
    {
        // format_type spells a constrained numeric as numeric(p,s); plain numeric has no limit.
        if (!type.StartsWith("numeric(", StringComparison.Ordinal) || !type.EndsWith(')'))
        {
            return null;
        }
        var parts = type["numeric(".Length..^1].Split(',');
        if (!int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var precision))
        {
            return null;
        }
        var scale = parts.Length > 1 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0;
        var digits = precision - scale;
        if (digits <= 0 || digits > 1000)
        {
            return (0, 0);
        }
        var max = BigInteger.Pow(10, digits) - 1;
        return (-max, max);
    }

    public bool IsNumeric => IntegerRange is not null || DataType.StartsWith("numeric", StringComparison.Ordinal);
}

/// <summary>What the target says about one configured entry.</summary>
public sealed record TargetEntryState(
    TableEntry Entry,
    TargetColumn? Column,
    TargetSequence? Sequence,
    BigInteger? KeyExtreme,
    IReadOnlyList<TargetProblem> Problems)
{
    public bool IsResolved => Problems.Count == 0 && Sequence is not null;

    /// <summary>pg_class.relpages: the table's size in 8 kB pages at the last ANALYZE or VACUUM.</summary>
    public long? Pages { get; init; }

    /// <summary>An index starts with the key column, so MAX/MIN reads one index edge instead of the table.</summary>
    public bool KeyIndexed { get; init; } = true;

    /// <summary>How long reading the key extreme took.</summary>
    public TimeSpan? ScanTime { get; init; }

    /// <summary>
    /// Why the key extreme could not be read as a whole number (NaN/Infinity, non-numeric text, a
    /// statement timeout); <see cref="KeyExtreme"/> is then null and the planner blocks the sequence.
    /// </summary>
    public TargetProblem? KeyFailure { get; init; }
}

/// <summary>A configured object the target does not have (or cannot be used as configured).</summary>
public sealed record TargetProblem(string Code, string Object, string Message, string Resolution);

public sealed record TargetSnapshot(
    string Description,
    string ServerVersion,
    IReadOnlyList<TargetEntryState> Entries)
{
    /// <summary>Logical replication subscriptions of the target database (pg_subscription).</summary>
    public IReadOnlyList<string> Subscriptions { get; init; } = [];

    /// <summary>Other client sessions on the target database (pg_stat_activity), described for people.</summary>
    public IReadOnlyList<string> OtherSessions { get; init; } = [];

    /// <summary>pg_is_in_recovery(): the target is a hot standby and cannot be written.</summary>
    public bool InRecovery { get; init; }
}
