using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Reporting;

internal sealed record JsonTiming(string Stage, long Milliseconds);
