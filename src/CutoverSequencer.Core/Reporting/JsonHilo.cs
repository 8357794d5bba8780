namespace CutoverSequencer.Core.Reporting;

/// <summary>
/// A hilo entry (<c>allocator: hilo</c>): keys per sequence value, and the keys the next value's block can hold
/// (firstKey … lastKey; null when the row has no next value or it is beyond 64 bits).
/// </summary>
internal sealed record JsonHilo(long BlockSize, long? FirstKey, long? LastKey);
