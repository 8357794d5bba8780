using System.Text.Json.Serialization;
using CutoverSequencer.Core.Findings;

namespace CutoverSequencer.Core.Reporting;

internal sealed record JsonFinding(string Code, Severity Severity, string Object, string Message, string Resolution);
