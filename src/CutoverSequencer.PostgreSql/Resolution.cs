using System.Numerics;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Stage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>An entry resolved against the target catalog, with what stands in the way of reading it.</summary>
internal sealed record Resolution(
    TableEntry Entry,
    TargetColumn? Column,
    TargetSequence? Sequence,
    long? Pages,
    List<TargetProblem> Problems)
{
    public bool KeyIndexed { get; init; } = true;
}
