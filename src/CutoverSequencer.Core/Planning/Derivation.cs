namespace CutoverSequencer.Core.Planning;

/// <summary>
/// How a row's values were derived, as the steps the arithmetic took, in order. The same
/// computation produced the row's values, so the steps and the values cannot disagree.
/// </summary>
public sealed record Derivation(IReadOnlyList<DerivationStep> Steps)
{
    /// <summary>The margin came from the insert rate (null: the configured margin).</summary>
    public RateMargin? Rate { get; init; }
}
