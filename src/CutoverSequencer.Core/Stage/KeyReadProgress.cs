namespace CutoverSequencer.Core.Stage;

/// <summary>Key reads so far; sizes are estimates from the relations' sizes in pages.</summary>
public sealed record KeyReadProgress(
    int Done,
    int Total,
    long EstimatedBytesDone,
    long EstimatedBytesTotal,
    IReadOnlyList<RunningScan> Running);
