using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Reporting;

[JsonSerializable(typeof(JsonReport))]
internal sealed partial class ReportJson : JsonSerializerContext;
