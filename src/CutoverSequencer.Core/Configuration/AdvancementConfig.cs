namespace CutoverSequencer.Core.Configuration;

public sealed record AdvancementConfig(
    bool Enabled,
    long SafetyMargin,
    IReadOnlyList<TableEntry> Tables)
{
    /// <summary>Also map every sequence-fed column the target's catalog shows (defaults, identity, serial).</summary>
    public bool Discover { get; init; }

    /// <summary>Multi-master: this node's share of the key space (every sequence steps by Nodes).</summary>
    public Interleave? Interleave { get; init; }

    /// <summary>How long the source keeps writing into the target after its values are read (CDC catch-up).</summary>
    public TimeSpan? CatchUpWindow { get; init; }

    /// <summary>Multiplier on rate × window (default 2): the margin must outlast bursts.</summary>
    public decimal RateHeadroom { get; init; } = 2m;

    /// <summary>KEY_HEADROOM_LOW when less than this percentage of a key's range is left (default 10).</summary>
    public double HeadroomPercent { get; init; } = 10;

    /// <summary>KEY_HEADROOM_LOW when the values left last less than this at the known rate (default 365d).</summary>
    public TimeSpan HeadroomTime { get; init; } = TimeSpan.FromDays(365);
}
