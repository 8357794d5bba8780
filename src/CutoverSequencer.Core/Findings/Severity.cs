using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Findings;

[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    [JsonStringEnumMemberName("info")]
    Info,

    [JsonStringEnumMemberName("warning")]
    Warning,

    [JsonStringEnumMemberName("blocking")]
    Blocking,
}
