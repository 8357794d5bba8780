using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Watch;

/// <summary>Where one sequence stands in one round.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WatchState>))]
public enum WatchState
{
    /// <summary>The margin left is at or above the threshold.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>The margin left is under --threshold of the margin the plan gives it.</summary>
    [JsonStringEnumMemberName("low")]
    Low,

    /// <summary>The next value is at or behind max(source, keys): the margin is used up.</summary>
    [JsonStringEnumMemberName("exhausted")]
    Exhausted,

    /// <summary>Neither a source value nor a key: nothing to measure the margin against.</summary>
    [JsonStringEnumMemberName("no-reference")]
    NoReference,

    /// <summary>The round's plan blocks this sequence (its findings say why): not measured.</summary>
    [JsonStringEnumMemberName("blocked")]
    Blocked,

    /// <summary>The sequence's position could not be read this round (not found or not resolved).</summary>
    [JsonStringEnumMemberName("not-read")]
    NotRead,
}
