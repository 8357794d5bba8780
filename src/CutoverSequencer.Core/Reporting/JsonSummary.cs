using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Core.Reporting;

/// <summary>The run at a glance: counts by action and by severity, the exit code, the report files.</summary>
internal sealed record JsonSummary(
    ReportStatus Status,
    int ExitCode,
    int Sequences,
    JsonActionCounts Actions,
    int Findings,
    JsonSeverityCounts Severities,
    ReportFiles Reports);
