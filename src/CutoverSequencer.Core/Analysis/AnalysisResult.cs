using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;

namespace CutoverSequencer.Core.Analysis;

/// <summary>What the source catalog adds to the configuration: mappings, findings, reviewable DDL.</summary>
public sealed record AnalysisResult(
    IReadOnlyList<TableEntry> Entries,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<string> PostLoadDefaults);
