using System.Numerics;

namespace CutoverSequencer.Core.SavedPlans;

/// <summary>
/// One inspected entry: table, key column and sequence as the target resolved them, and the key extreme
/// read (null: no rows, or the entry names no table).
/// </summary>
public sealed record PlanEntryState(string? Table, string? Column, string? Sequence, BigInteger? KeyExtreme);
