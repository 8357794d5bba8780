using System.Numerics;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Reporting;

/// <summary>
/// One sequence of the operations brief, computed once (<see cref="OperationsBrief.Rows"/>): the brief's
/// sentence and its table are both written from these values.
/// </summary>
/// <param name="Keys">The key columns, or "no table (sequence only)".</param>
/// <param name="LastKey">The last loaded key (the lowest when descending).</param>
/// <param name="FirstNew">What the brief says about the first new value ("first new value after apply").</param>
/// <param name="FirstKey">Hilo: the first new key at least.</param>
/// <param name="Gap">The gap, in keys with hilo.</param>
public sealed record BriefRow(
    PlannedSequence Row,
    string Keys,
    BigInteger? LastKey,
    BigInteger? SourceLast,
    BigInteger Next,
    string NextNote,
    BigInteger? FirstKey,
    SequenceGap? Gap);
