namespace CutoverSequencer.Core.Model;

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
