using System.Numerics;
using System.Text.Json;

namespace CutoverSequencer.Core.Planning;

/// <summary>An earlier reading of source values (a report or an export), for measuring consumption rates.</summary>
public sealed record Baseline(
    string Description,
    DateTimeOffset CapturedAt,
    IReadOnlyDictionary<string, BigInteger> BySourceSequence,
    IReadOnlyDictionary<string, BigInteger> ByTargetSequence)
{
    /// <summary>An earlier cutover-report.json: its source values and its capture (or generation) time.</summary>
    public static Baseline FromReport(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var captured = root.TryGetProperty("source", out var source) && source.TryGetProperty("capturedAt",
                out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetDateTimeOffset()
                : root.GetProperty("generatedAt").GetDateTimeOffset();
            var bySource = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
            var byTarget = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
            foreach (var row in root.GetProperty("sequences").EnumerateArray())
            {
                if (!row.TryGetProperty("sourceLast", out var last) || last.ValueKind != JsonValueKind.Number)
                {
                    continue;
                }
                var value = new BigInteger(last.GetInt64());
                byTarget[row.GetProperty("sequence").GetString()!] = value;
                if (row.TryGetProperty("sourceSequence", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    bySource[name.GetString()!] = value;
                }
            }
            return new Baseline($"report {path}", captured, bySource, byTarget);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException
            or FormatException or IOException)
        {
            throw new InvalidInputException($"{path}: not a usable baseline report ({e.Message.Split('\n')[0]})", e);
        }
    }
}
