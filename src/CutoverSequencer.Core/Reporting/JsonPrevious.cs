using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Reporting;

internal sealed record JsonPrevious(long LastValue, bool IsCalled, long? NextValue);
