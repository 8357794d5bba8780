using System.Text.Json;
using Json.Schema;

namespace CutoverSequencer.Testing;

/// <summary>
/// The published JSON Schemas (docs/schemas/*.schema.json), checked with JsonSchema.Net: every
/// cutover-report.json, apply-journal.json, rollback-report.json, plan.json, watch-status.json and
/// watch-report.json a suite produces is validated.
/// </summary>
internal static class JsonSchemas
{
    /// <summary>The schema of each file the tool writes, by file name.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByFile = new Dictionary<string, string>
    {
        ["cutover-report.json"] = "cutover-report.schema.json",
        ["apply-journal.json"] = "apply-journal.schema.json",
        ["rollback-report.json"] = "rollback-report.schema.json",
        ["plan.json"] = "plan.schema.json",
        ["watch-status.json"] = "watch-status.schema.json",
        ["watch-report.json"] = "watch-report.schema.json",
    };

    // Each schema is built once (a schema's $id is registered when it is built).
    private static readonly Dictionary<string, JsonSchema> Loaded = [];

    private static JsonSchema Schema(string schemaFile)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(schemaFile, out var schema))
            {
                schema = JsonSchema.FromText(
                    File.ReadAllText(Path.Combine(Repository.Root, "docs", "schemas", schemaFile)));
                Loaded[schemaFile] = schema;
            }
            return schema;
        }
    }

    /// <summary>The problems of <paramref name="json"/> against <paramref name="schemaFile"/> (empty: valid).</summary>
    public static IReadOnlyList<string> Problems(string schemaFile, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema(schemaFile).Evaluate(document.RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }
        return
        [
            .. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}")),
        ];
    }

    /// <summary>Fails naming each problem when <paramref name="json"/> does not follow its schema.</summary>
    public static void AssertValid(string schemaFile, string json, string what)
    {
        var problems = Problems(schemaFile, json);
        Assert.True(problems.Count == 0, $"{what} does not follow docs/schemas/{schemaFile}:\n" +
            string.Join("\n", problems.Take(20)));
    }

    /// <summary>Validates the file against the schema its name calls for; false when it has none.</summary>
    public static bool AssertFileValid(string path)
    {
        if (!ByFile.TryGetValue(Path.GetFileName(path), out var schemaFile))
        {
            return false;
        }
        AssertValid(schemaFile, File.ReadAllText(path), path);
        return true;
    }

    /// <summary>Validates every file with a schema in <paramref name="directory"/> and below; returns how many.</summary>
    public static int AssertDirectoryValid(string directory) =>
        !Directory.Exists(directory) ? 0
            : Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Count(AssertFileValid);
}
