using System.Text.Json;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Sequences;

namespace CutoverSequencer.Core.Stage;

/// <summary>Finding the journals of earlier applies beside a report directory.</summary>
public sealed partial class ApplyJournal
{
    /// <summary>
    /// Journals of earlier applies on the same target that did not complete: in the report directory
    /// and beside it (re-runs usually write to a sibling folder under reports/), in the
    /// earlier-&lt;timestamp&gt;/ folders --force moved them into, and in the re-advance-&lt;n&gt;/ folders of a watch.
    /// </summary>
    public static IReadOnlyList<(string Path, JournalDocument Journal)> FindIncomplete(string reportDirectory,
        string target) =>
        Find(reportDirectory, target, status => status is JournalDocument.InProgress or JournalDocument.Failed);

    /// <summary>
    /// The most recent completed apply on this target among the journals in the report directory and
    /// its siblings: what <c>verify</c> measures the margin against (the reference that apply recorded,
    /// not keys the sequences issued since). Null when there is none.
    /// </summary>
    public static (string Path, JournalDocument Journal)? FindLatestCompleted(string reportDirectory, string target) =>
        Find(reportDirectory, target, status => status == JournalDocument.Completed) is { Count: > 0 } found
            ? found[^1]
            : null;

    /// <summary>
    /// The journals for this target in the report directory, its siblings and their earlier-* folders
    /// whose status passes <paramref name="wanted"/>, oldest first.
    /// </summary>
    private static IReadOnlyList<(string Path, JournalDocument Journal)> Find(string reportDirectory, string target,
        Func<string?, bool> wanted)
    {
        var full = System.IO.Path.GetFullPath(reportDirectory);
        var parent = Directory.GetParent(full)?.FullName;
        // --force moves an earlier run's journal into earlier-<timestamp>/ of its directory, and watch
        // --re-advance journals its applies in re-advance-<n>/ of the watch's: both looked at too.
        static IEnumerable<string> WithEarlier(string directory) =>
            Directory.Exists(directory)
                ? [directory, .. Directory.GetDirectories(directory, Reporting.ReportWriter.EarlierPrefix + "*"),
                    .. Directory.GetDirectories(directory, Reporting.ReportWriter.ReAdvancePrefix + "*")]
                : [directory];
        var candidates = WithEarlier(full)
            .Concat(parent is null || !Directory.Exists(parent)
                ? []
                : Directory.GetDirectories(parent).SelectMany(WithEarlier))
            .Select(d => System.IO.Path.Combine(d, FileName))
            .Where(File.Exists)
            .Distinct(StringComparer.Ordinal);
        var found = new List<(string, JournalDocument)>();
        foreach (var path in candidates)
        {
            try
            {
                // reports/ keeps every earlier run's journal: most are ruled out by their head alone.
                if (ReadHead(path) is { } head && (head.Target != target || !wanted(head.Status)))
                {
                    continue;
                }
                var journal = Read(path);
                if (journal.Target == target && wanted(journal.Status))
                {
                    found.Add((path, journal));
                }
            }
            catch (Exception e) when (e is InvalidInputException or IOException or UnauthorizedAccessException)
            {
                // Not a journal of ours (or not readable): ignore it.
            }
        }
        return [.. found.OrderBy(f => f.Item2.StartedAt)];
    }

    /// <summary>
    /// target and status from the start of a journal, without reading its entries (they follow the
    /// head in every journal this stage writes). Null when the head is not there.
    /// </summary>
    private static (string? Target, string? Status)? ReadHead(string path)
    {
        var buffer = new byte[16 * 1024];
        int length;
        using (var stream = File.OpenRead(path))
        {
            length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        var reader = new Utf8JsonReader(buffer.AsSpan(0, length), isFinalBlock: length < buffer.Length, default);
        string? target = null;
        string? status = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                var name = reader.GetString();
                if (name == "sequences")
                {
                    return (target, status);
                }
                if (!reader.Read())
                {
                    return null;
                }
                if (name is "target" or "status" && reader.TokenType == JsonTokenType.String)
                {
                    (target, status) = name == "target" ? (reader.GetString(), status) : (target, reader.GetString());
                }
                else if (!reader.TrySkip())
                {
                    return null;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }
}
