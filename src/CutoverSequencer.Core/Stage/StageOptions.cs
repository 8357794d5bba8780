using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Stage;

/// <summary>Run options beyond the configuration (command-line flags, where the journal goes).</summary>
public sealed record StageOptions(Baseline? Baseline = null, bool Strict = false, bool RequireQuiet = false,
    string? JournalDirectory = null);
