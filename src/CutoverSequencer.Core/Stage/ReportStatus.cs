using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Stage;

/// <summary>The status of a run, as the JSON report and the exit code state it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReportStatus>))]
public enum ReportStatus
{
    /// <summary>plan: nothing blocks; nothing was written.</summary>
    [JsonStringEnumMemberName("planned")]
    Planned,

    /// <summary>A blocking finding: nothing was written.</summary>
    [JsonStringEnumMemberName("blocked")]
    Blocked,

    /// <summary>Every sequence was read back and clears every key.</summary>
    [JsonStringEnumMemberName("verified")]
    Verified,

    /// <summary>A sequence does not clear its keys.</summary>
    [JsonStringEnumMemberName("verification-failed")]
    VerificationFailed,

    /// <summary>A setval failed part-way; the report lists what was set.</summary>
    [JsonStringEnumMemberName("apply-failed")]
    ApplyFailed,
}
