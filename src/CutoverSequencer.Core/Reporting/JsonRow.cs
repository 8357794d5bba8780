using System.Text.Json;
using System.Text.Json.Serialization;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Reporting;

internal sealed record JsonRow(string Sequence, string? Table, string? Column, List<string> Tables, string? Origin,
    string? SourceSequence,
    long? SourceLast, long? TargetMax, long Margin, long? NewValue, long? NextValue, long? RequiredNextValue,
        PlanAction Action,
    long? Increment, long? NewIncrement, JsonRate? Rate, JsonPrevious? Previous, JsonGap? ExpectedGap,
        string Derivation,
    long? ScanMilliseconds, bool Set, bool? Verified, string? Verification);
