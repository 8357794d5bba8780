using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Reporting;

internal sealed record JsonGap(long? First, long? Last, long? Size, string Words, JsonGapPart? CatchUp,
    JsonGapPart? Margin);
