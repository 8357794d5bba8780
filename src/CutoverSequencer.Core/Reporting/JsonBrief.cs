using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Reporting;

internal sealed record JsonBrief(string Summary, IEnumerable<string> Sequences);
