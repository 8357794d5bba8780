namespace CutoverSequencer.Core.Stage;

/// <summary>A whole-table scan under way.</summary>
public sealed record RunningScan(string Entry, long EstimatedBytes, TimeSpan Elapsed);
