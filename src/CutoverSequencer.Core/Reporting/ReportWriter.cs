using System.Globalization;
using CutoverSequencer.Core.Stage;

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
        Path.Combine("reports", now.ToUniversalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-"
            + command);

    /// <summary>
    /// The default report directory as a full path, never one already in use: two runs started in the
    /// same second get -2, -3... rather than one refusing the other's folder.
    /// </summary>
    public static string NewDefaultDirectory(string command, DateTimeOffset now)
    {
        var first = Path.GetFullPath(DefaultDirectory(command, now));
        var candidate = first;
        for (var n = 2; File.Exists(candidate) || (Directory.Exists(candidate)
            && Directory.EnumerateFileSystemEntries(candidate).Any()); n++)
        {
            candidate = $"{first}-{n}";
        }
        return candidate;
    }

    public static void Write(CutoverReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        Action[] renderings =
        [
            () => WriteAtomically(Path.Combine(directory, MarkdownFile), (TextWriter w)
                => MarkdownReportRenderer.Write(report, w)),
            () => WriteAtomically(Path.Combine(directory, HtmlFile), (TextWriter w) => HtmlReportRenderer.Write(report,
                w)),
            () => WriteAtomically(Path.Combine(directory, JsonFile), (Stream s)
                => JsonReportRenderer.Write(report, s, directory)),
        ];
        if (Runtime.LargeRun.Applies(report.Plan.Sequences.Count))
        {
            // One at a time, collected in between: memory stays near the report's own size.
            foreach (var render in renderings)
            {
                render();
                Runtime.LargeRun.Compact();
            }
        }
        else
        {
            // The renderings only read the report: written side by side.
            Parallel.Invoke(renderings);
        }
        if (report.PostLoadDefaults.Count > 0)
        {
            WriteAtomically(Path.Combine(directory, PostLoadDefaultsFile), (TextWriter w)
                => w.Write(PostLoadDefaultsScript(report)));
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
                     "-- Review each statement, then run it with the post-load DDL (after the load, before the " +
                     "application).\n\n";
        return header + string.Join("\n\n", report.PostLoadDefaults) + "\n";
    }

    /// <summary>A text file written as the reports are: to a temporary file, then renamed.</summary>
    public static void WriteFile(string path, Action<TextWriter> write) => WriteAtomically(path, write);

    /// <summary>A binary file written as the reports are: to a temporary file, then renamed.</summary>
    public static void WriteFile(string path, Action<Stream> write) => WriteAtomically(path, write);

    /// <summary>Files that show a directory already holds a run's evidence: they are never overwritten.</summary>
    public static readonly string[] EvidenceFiles =
    [
        MarkdownFile, HtmlFile, JsonFile, PostLoadDefaultsFile, Stage.ApplyJournal.FileName,
        RollbackReport.MarkdownFile, RollbackReport.HtmlFile, RollbackReport.JsonFile,
        WatchStatusFile, WatchMarkdownFile, WatchHtmlFile, WatchJsonFile,
    ];

    // The watch's files (Watch.WatchReport names them from here: Reporting does not know the watch).
    public const string WatchStatusFile = "watch-status.json";
    public const string WatchMarkdownFile = "watch-report.md";
    public const string WatchHtmlFile = "watch-report.html";
    public const string WatchJsonFile = "watch-report.json";

    /// <summary>The subfolder prefix --force moves an earlier run's files into.</summary>
    public const string EarlierPrefix = "earlier-";

    /// <summary>The subfolder prefix of each watch --re-advance's apply (re-advance-1/, ...).</summary>
    public const string ReAdvancePrefix = "re-advance-";

    /// <summary>
    /// Checks <paramref name="directory"/> before anything connects. A file there, or a directory holding
    /// an earlier run's reports or journal, is refused (exit 2) unless <paramref name="force"/>: then the
    /// earlier files are moved, never overwritten, into <c>earlier-&lt;timestamp&gt;/</c> inside it (where
    /// ApplyJournal.FindIncomplete still finds an incomplete journal). Returns each moved file's new path.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PrepareDirectory(string directory, bool force, DateTimeOffset now,
        string option = "--report-dir")
    {
        ArgumentNullException.ThrowIfNull(directory);
        var full = Path.GetFullPath(directory);
        if (File.Exists(full))
        {
            throw new InvalidInputException($"{option} {directory}: is a file, not a directory");
        }
        var moved = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(full))
        {
            // Created when the reports are written: a file on the way there would fail only after the run.
            for (var parent = Path.GetDirectoryName(full); parent is not null; parent = Path.GetDirectoryName(parent))
            {
                if (File.Exists(parent))
                {
                    throw new InvalidInputException($"{option} {directory}: {parent} is a file, not a directory");
                }
                if (Directory.Exists(parent))
                {
                    break;
                }
            }
            return moved;
        }
        var earlier = EvidenceFiles.Select(f => Path.Combine(full, f)).Where(File.Exists).ToList();
        if (earlier.Count == 0)
        {
            return moved;
        }
        var names = string.Join(", ", earlier.Select(Path.GetFileName));
        if (!force)
        {
            throw new InvalidInputException(
                $"{option} {directory}: already holds an earlier run's {names}; use a new directory, or --force to " +
                $"move them aside into {EarlierPrefix}<timestamp>/");
        }
        var stamp = now.ToUniversalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var target = Path.Combine(full, EarlierPrefix + stamp);
        for (var n = 2; Directory.Exists(target) || File.Exists(target); n++)
        {
            target = Path.Combine(full, $"{EarlierPrefix}{stamp}-{n}");
        }
        Directory.CreateDirectory(target);
        foreach (var file in earlier)
        {
            var destination = Path.Combine(target, Path.GetFileName(file));
            File.Move(file, destination, overwrite: false);
            moved[file] = destination;
        }
        return moved;
    }

    /// <summary>
    /// Streamed to a temporary file, then renamed: readers (orchestrators polling the directory) never
    /// see a half-written file, and no rendering is held whole in memory.
    /// </summary>
    private static void WriteAtomically(string path, Action<TextWriter> write) =>
        WriteAtomically(path, (Stream stream) =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16,
                leaveOpen: true) { NewLine = "\n" };
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
