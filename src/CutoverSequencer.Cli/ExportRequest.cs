namespace CutoverSequencer.Cli;

/// <summary>export: the configuration of a source that exports, and the directory for its files.</summary>
public sealed record ExportRequest(string ConfigPath, string OutputDirectory)
{
    /// <summary>Where the run's status and files are recorded for the result event; null: nowhere.</summary>
    public RunOutcome? Outcome { get; init; }
}
