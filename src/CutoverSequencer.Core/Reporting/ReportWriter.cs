using System.Globalization;

namespace CutoverSequencer.Core.Reporting;

/// <summary>Writes the three renderings into one directory.</summary>
public static class ReportWriter
{
    public const string MarkdownFile = "cutover-report.md";
    public const string HtmlFile = "cutover-report.html";
    public const string JsonFile = "cutover-report.json";
    public const string PostLoadDefaultsFile = "post-load-defaults.sql";

    /// <summary>The default report directory: a new timestamped folder under reports/.</summary>
    public static string DefaultDirectory(string command, DateTimeOffset now) =>
        Path.Combine("reports", now.ToUniversalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + command);

    public static void Write(CutoverReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        Action[] renderings =
        [
            () => WriteAtomically(Path.Combine(directory, MarkdownFile), (TextWriter w) => MarkdownReportRenderer.Write(report, w)),
            () => WriteAtomically(Path.Combine(directory, HtmlFile), (TextWriter w) => HtmlReportRenderer.Write(report, w)),
            () => WriteAtomically(Path.Combine(directory, JsonFile), (Stream s) => JsonReportRenderer.Write(report, s)),
        ];
        if (Stage.LargeRun.Applies(report.Plan.Sequences.Count))
        {
            // One at a time, collected in between: memory stays near the report's own size.
            foreach (var render in renderings)
            {
                render();
                Stage.LargeRun.Compact();
            }
        }
        else
        {
            // The renderings only read the report: written side by side.
            Parallel.Invoke(renderings);
        }
        if (report.PostLoadDefaults.Count > 0)
        {
            WriteAtomically(Path.Combine(directory, PostLoadDefaultsFile), (TextWriter w) => w.Write(PostLoadDefaultsScript(report)));
        }
    }

    /// <summary>A rendering as one string (tests, small reports); files are streamed instead.</summary>
    public static string ToText(Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        write(writer);
        return writer.ToString();
    }

    /// <summary>For review, not for blind execution: run after the load, with the post-load DDL.</summary>
    public static string PostLoadDefaultsScript(CutoverReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var header = "-- Column defaults replacing Oracle BEFORE INSERT triggers that filled keys from sequences.\n" +
                     "-- Review each statement, then run it with the post-load DDL (after the load, before the application).\n\n";
        return header + string.Join("\n\n", report.PostLoadDefaults) + "\n";
    }

    /// <summary>
    /// Streamed to a temporary file, then renamed: readers (orchestrators polling the directory) never
    /// see a half-written file, and no rendering is held whole in memory.
    /// </summary>
    private static void WriteAtomically(string path, Action<TextWriter> write) =>
        WriteAtomically(path, (Stream stream) =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            write(stream);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
