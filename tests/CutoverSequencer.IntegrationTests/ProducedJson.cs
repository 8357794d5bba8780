using System.Text.RegularExpressions;

namespace CutoverSequencer.IntegrationTests;

/// <summary>
/// Every cutover-report.json, apply-journal.json, rollback-report.json and watch-*.json a CLI run of the suite
/// writes is validated against its schema in docs/schemas/: the files in the run's --report-dir (earlier-* and
/// re-advance-* folders included), in the directories its output names, and the --journal it was given, when the run wrote them.
/// </summary>
internal static partial class ProducedJson
{
    private static int validated;

    /// <summary>How many files the suite's runs have validated so far.</summary>
    public static int Validated => Volatile.Read(ref validated);

    public static void Validate(IReadOnlyList<string> arguments, string stdout, DateTime startedUtc)
    {
        var places = new List<string>();
        for (var i = 0; i + 1 < arguments.Count; i++)
        {
            if (arguments[i] is "--report-dir" or "-o" or "--journal")
            {
                places.Add(arguments[i + 1]);
            }
            else if (arguments[i] is "--out" && arguments[0] == "plan")
            {
                // A saved plan may have any name: validated as plan.json by its content.
                if (File.Exists(arguments[i + 1]) && File.GetLastWriteTimeUtc(arguments[i + 1]) >= startedUtc)
                {
                    JsonSchemas.AssertValid("plan.schema.json", File.ReadAllText(arguments[i + 1]), arguments[i + 1]);
                    Interlocked.Increment(ref validated);
                }
            }
        }
        places.AddRange(ReportLine().Matches(stdout).Select(m => Path.GetDirectoryName(m.Groups[1].Value.Trim())!));
        foreach (var place in places.Distinct(StringComparer.Ordinal))
        {
            IEnumerable<string> files = File.Exists(place) ? [place]
                : Directory.Exists(place) ? Directory.EnumerateFiles(place, "*.json", SearchOption.AllDirectories)
                : [];
            // Only what this run wrote: a test may plant an earlier run's files (or broken ones) beforehand.
            foreach (var file in files.Where(f => File.GetLastWriteTimeUtc(f) >= startedUtc))
            {
                if (JsonSchemas.AssertFileValid(file))
                {
                    Interlocked.Increment(ref validated);
                }
            }
        }
    }

    [GeneratedRegex(@"^Reports?: (.+?\.md)(?: \(also .*\))?\s*$", RegexOptions.Multiline)]
    private static partial Regex ReportLine();
}
