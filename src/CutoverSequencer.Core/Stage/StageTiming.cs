namespace CutoverSequencer.Core.Stage;

/// <summary>How long one stage of a run took.</summary>
public sealed record StageTiming(string Stage, TimeSpan Duration);
