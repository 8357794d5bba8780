namespace CutoverSequencer.Core.Stage;

/// <summary>A sequence's position and increment as journaled before apply.</summary>
public sealed record JournalPosition(long LastValue, bool IsCalled, long Increment);
