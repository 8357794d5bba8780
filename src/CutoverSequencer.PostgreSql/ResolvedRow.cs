using System.Numerics;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Stage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>An entry as found in the target catalog: its table, key column, size, index and sequence.</summary>
internal sealed record ResolvedRow(
    TableEntry Entry,
    bool TableFound,
    TargetColumn? Column,
    long? Pages,
    uint? SequenceOid,
    char? ConfiguredKind,
    bool Indexed)
{
    /// <summary>The sequence's definition when the query that found it also read it (discovery).</summary>
    public TargetSequence? Definition { get; init; }
}
