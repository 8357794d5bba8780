using System.Globalization;
using System.Numerics;
using System.Text.Json;
using CutoverSequencer.Core.Findings;

namespace CutoverSequencer.Core.Reporting;

/// <summary>Fields several hand-written JSON files share (rollback report, watch files, multi-master proof).</summary>
public static class JsonFields
{
    /// <summary>
    /// <c>schemaVersion</c> and <c>tool: {name, version, commit}</c>, as every JSON file the tool writes.
    /// </summary>
    public static void WriteHeader(Utf8JsonWriter w, string schemaVersion)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteString("schemaVersion", schemaVersion);
        w.WriteStartObject("tool");
        w.WriteString("name", Runtime.ToolInfo.Current.Name);
        w.WriteString("version", Runtime.ToolInfo.Current.Version);
        w.WriteString("commit", Runtime.ToolInfo.Current.Commit);
        w.WriteEndObject();
    }

    /// <summary>A value as a JSON integer; past 64 bits (a next value at a bigint edge), as text.</summary>
    public static void WriteInteger(Utf8JsonWriter w, string name, BigInteger? value)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (value is not { } v)
        {
            w.WriteNull(name);
        }
        else if (v >= long.MinValue && v <= long.MaxValue)
        {
            w.WriteNumber(name, (long)v);
        }
        else
        {
            w.WriteString(name, v.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A finding's code, severity, object, message and resolution, in an object the caller opened.</summary>
    public static void WriteFinding(Utf8JsonWriter w, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(finding);
        w.WriteString("code", finding.Code);
        w.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
        w.WriteString("object", finding.Object);
        w.WriteString("message", finding.Message);
        w.WriteString("resolution", finding.Resolution);
    }
}
