using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Planning;

[JsonConverter(typeof(JsonStringEnumConverter<PlanAction>))]
public enum PlanAction
{
    [JsonStringEnumMemberName("advance")]
    Advance,

    [JsonStringEnumMemberName("unchanged")]
    Unchanged,

    [JsonStringEnumMemberName("blocked")]
    Blocked,
}
