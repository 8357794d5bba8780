using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Sources;

/// <summary>source.kind: none — the target alone (the old primary is gone).</summary>
public static class NoSourceKind
{
    private const string ReadOne =
        "nothing is read from a source (use kind: postgres or oracle to read one), or remove it";

    public static SourceKind Kind { get; } = new()
    {
        Name = "none",
        Naming = SourceNaming.Oracle,
        Refusals = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["schemas"] = ReadOne,
            ["schemaMapping"] = ReadOne,
            ["connectionString"] = "use kind: postgres or oracle to read a source database, or remove it",
        },
        CreateReader = (_, _) => new NoSource(),
    };
}
