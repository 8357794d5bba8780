using System.Text.Json.Serialization;
using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Core.Reporting;

// The JSON report's shape: property names (camelCase) and order are the contract
// (docs/schemas/cutover-report.schema.json; extend it, never rename).
internal sealed record JsonReport
{
    public required string SchemaVersion { get; init; }

    public required Runtime.ToolInfo Tool { get; init; }

    public required string Command { get; init; }

    public required ReportStatus Status { get; init; }

    public required int ExitCode { get; init; }

    public required JsonSummary Summary { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required string Config { get; init; }

    public required JsonSource Source { get; init; }

    public required string Target { get; init; }

    public required bool Enabled { get; init; }

    public required JsonInterleave? Interleave { get; init; }

    public required IEnumerable<JsonRow> Sequences { get; init; }

    public required List<JsonFinding> Findings { get; init; }

    public required JsonApply? Apply { get; init; }

    /// <summary>apply --plan: the saved plan applied (null otherwise). Added in schema 1.1.</summary>
    public required Stage.SavedPlanUse? SavedPlan { get; init; }

    public required IReadOnlyList<string> PostLoadDefaults { get; init; }

    public required JsonBrief OperationsBrief { get; init; }

    public required List<JsonTiming> Timings { get; init; }
}
