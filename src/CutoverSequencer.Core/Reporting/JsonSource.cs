using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Reporting;

internal sealed record JsonSource(string Description, DateTimeOffset? CapturedAt);
