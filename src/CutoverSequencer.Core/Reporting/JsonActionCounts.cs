namespace CutoverSequencer.Core.Reporting;

/// <summary>Sequences by planned action; <c>set</c>: how many setval actually wrote in this run.</summary>
internal sealed record JsonActionCounts(int Advance, int Unchanged, int Blocked, int Set);
