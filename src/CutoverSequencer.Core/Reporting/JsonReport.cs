using System.Text.Json;
using System.Text.Json.Serialization;
using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Core.Reporting;

// The JSON report's shape: property names (camelCase) and order are the contract.
internal sealed record JsonReport(string Tool, string Command, ReportStatus Status, int ExitCode,
    DateTimeOffset GeneratedAt, string Config,
    JsonSource Source, string Target, bool Enabled, JsonInterleave? Interleave, IEnumerable<JsonRow> Sequences,
        List<JsonFinding> Findings,
    JsonApply? Apply, IReadOnlyList<string> PostLoadDefaults, JsonBrief OperationsBrief, List<JsonTiming> Timings);
