using CutoverSequencer.Core.Sequences;
using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Core.Reporting;

/// <summary>One journaled sequence: what rollback found, did, and read back afterwards.</summary>
/// <param name="Action">restored, restored (forced), unchanged, moved, missing or would restore.</param>
/// <param name="Found">The position found before any write (null: the sequence no longer exists).</param>
/// <param name="ReadBack">The position read back after the writes (null: missing).</param>
public sealed record RollbackRow(JournalEntry Entry, string Action, SequenceReading? Found, SequenceReading? ReadBack);
