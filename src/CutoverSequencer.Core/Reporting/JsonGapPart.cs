using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Reporting;

/// <summary>catchUp: after the last loaded key up to the source high-water mark; margin: never issued.</summary>
internal sealed record JsonGapPart(long? First, long? Last, long? Size);
