using CutoverSequencer.Core.Sources;
using CutoverSequencer.Oracle;
using CutoverSequencer.PostgreSql;

namespace CutoverSequencer.Cli;

/// <summary>The source kinds this build knows: one line each, in the order messages list them.</summary>
public static class SourceKinds
{
    public static SourceKindRegistry All { get; } = new(
        OracleSourceKinds.Live,
        OracleSourceKinds.Export,
        PostgresSourceKind.Kind,
        NoSourceKind.Kind);
}
