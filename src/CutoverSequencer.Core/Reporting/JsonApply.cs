using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Reporting;

internal sealed record JsonApply(bool Succeeded, IEnumerable<string> Set, string? FailedAt, string? Error);
