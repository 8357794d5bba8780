using System.Globalization;
using System.Text;
using System.Text.Json;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Core.Wording;
using Serilog;

namespace CutoverSequencer.Cli;

/// <summary>
/// <c>verify --nodes a.yaml b.yaml ...</c>: verify every node (each its own report, in a folder named after its
/// configuration), then prove their future key streams cannot meet (<see cref="NodeProof"/>), written as
/// nodes-proof.md and nodes-proof.json beside them.
/// </summary>
public static class NodesRunner
{
    public static async Task<int> VerifyAsync(IReadOnlyList<string> configs, string? reportDirectory, bool force,
        TextWriter output, ILogger log, CancellationToken cancellationToken, RunOutcome? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(configs);
        ArgumentNullException.ThrowIfNull(output);
        if (configs.Count < 2)
        {
            throw new InvalidInputException("--nodes needs the configuration of at least two nodes");
        }
        var names = NodeNames(configs);
        var directory = reportDirectory ?? ReportWriter.NewDefaultDirectory("verify-nodes", DateTimeOffset.UtcNow);
        ReportWriter.PrepareDirectory(directory, force, DateTimeOffset.UtcNow);
        var streams = new List<NodeStream>();
        var exit = ExitCodes.Done;
        for (var i = 0; i < configs.Count; i++)
        {
            await output.WriteLineAsync($"Node {names[i]} ({configs[i]}):").ConfigureAwait(false);
            var report = await StageRunner.RunStageAsync(new StageRequest
            {
                Command = StageCommand.Verify,
                ConfigPath = configs[i],
                ReportDirectory = Path.Combine(directory, names[i]),
                Force = force,
            }, output, log, cancellationToken).ConfigureAwait(false);
            exit = Math.Max(exit, report.ExitCode);
            streams.AddRange(Streams(names[i], report.Plan));
        }
        var findings = NodeProof.Prove(names, streams);
        var proven = findings.All(f => f.Severity != Severity.Blocking);
        await WriteAsync(directory, names, configs, streams, findings, proven).ConfigureAwait(false);
        await output.WriteLineAsync(proven
            ? $"Nodes: the key streams of {string.Join(", ", names)} cannot meet " +
                $"({streams.Select(s => s.Sequence).Distinct(StringComparer.Ordinal).Count()} sequences compared)."
            : $"Nodes: NOT proven: {findings.Count(f => f.Severity == Severity.Blocking)} blocking finding(s).")
            .ConfigureAwait(false);
        foreach (var finding in findings)
        {
            await output.WriteLineAsync($"  {finding.Severity.ToString().ToUpperInvariant(),-8} {finding.Code}: " +
                finding.Message).ConfigureAwait(false);
        }
        await output.WriteLineAsync($"Proof: {Path.Combine(directory, "nodes-proof.md")} (also .json)")
            .ConfigureAwait(false);
        var code = proven ? exit : Math.Max(exit, ExitCodes.BlockedOrUnverified);
        outcome?.Record(proven && code == ExitCodes.Done ? "verified" : "verification-failed", directory,
            [("markdown", Path.Combine(directory, "nodes-proof.md")),
                ("json", Path.Combine(directory, "nodes-proof.json"))]);
        return code;
    }

    /// <summary>Each configuration's file name; a repeated one gets its position.</summary>
    private static List<string> NodeNames(IReadOnlyList<string> configs)
    {
        var stems = configs.Select(Path.GetFileNameWithoutExtension).ToList();
        return [.. stems.Select((s, i) => stems.Count(o => o == s) > 1 ? $"{s}-{i + 1}" : s!)];
    }

    /// <summary>The streams a node's verification read: every planned sequence with its definition.</summary>
    private static IEnumerable<NodeStream> Streams(string node, AdvancementPlan plan) =>
        plan.Sequences
            .Where(r => r.Current is not null && r.Sequence is not null)
            .Select(r => new NodeStream(node, r.Name, r.Current!.NextValue, r.Current.Increment, r.Current.MinValue,
                r.Current.MaxValue, r.TargetMax) { Cycle = r.Current.Cycle, BlockSize = r.BlockSize });

    private static async Task WriteAsync(string directory, IReadOnlyList<string> names, IReadOnlyList<string> configs,
        List<NodeStream> streams, IReadOnlyList<Finding> findings, bool proven)
    {
        var md = new StringBuilder();
        md.AppendLine("# Multi-master proof").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"**Status: {(proven ? "proven" : "not proven")}**: {names.Count} nodes, " +
            $"{streams.Select(s => s.Sequence).Distinct(StringComparer.Ordinal).Count()} sequences.").AppendLine();
        md.AppendLine("| Node | Configuration |").AppendLine("|---|---|");
        for (var i = 0; i < names.Count; i++)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {names[i]} | {configs[i]} |");
        }
        md.AppendLine().AppendLine("| Sequence | Node | Next value | Increment | Residue | Range | Highest key |")
            .AppendLine("|---|---|--:|--:|--:|---|--:|");
        foreach (var s in streams.OrderBy(s => s.Sequence, StringComparer.Ordinal).ThenBy(s => s.Node,
            StringComparer.Ordinal))
        {
            var residue = Core.Sequences.SequenceGrid.Residue(s.Next, s.Increment);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Sequence} | {s.Node} | {Numbers.Format(s.Next)} | {s.Increment} | {residue} | " +
                $"{Numbers.Format(s.MinValue)} – {Numbers.Format(s.MaxValue)} | " +
                $"{(s.MaxKey is { } k ? Numbers.Format(k) : "–")} |");
        }
        md.AppendLine().AppendLine("## Findings").AppendLine();
        md.AppendLine(findings.Count == 0 ? "None." : string.Join("\n", findings.Select(f =>
            $"- **{f.Severity.ToString().ToLowerInvariant()}** `{f.Code}` {f.Message} {f.Resolution}")));
        await File.WriteAllTextAsync(Path.Combine(directory, "nodes-proof.md"), md.ToString()).ConfigureAwait(false);

        await using var stream = File.Create(Path.Combine(directory, "nodes-proof.json"));
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("status", proven ? "proven" : "not-proven");
        json.WriteStartArray("nodes");
        for (var i = 0; i < names.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("name", names[i]);
            json.WriteString("config", configs[i]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("streams");
        foreach (var s in streams)
        {
            json.WriteStartObject();
            json.WriteString("sequence", s.Sequence);
            json.WriteString("node", s.Node);
            json.WriteString("nextValue", s.Next.ToString(CultureInfo.InvariantCulture));
            json.WriteNumber("increment", s.Increment);
            json.WriteNumber("minValue", s.MinValue);
            json.WriteNumber("maxValue", s.MaxValue);
            if (s.MaxKey is { } key)
            {
                json.WriteString("maxKey", key.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNull("maxKey");
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("findings");
        foreach (var f in findings)
        {
            json.WriteStartObject();
            Core.Reporting.JsonFields.WriteFinding(json, f);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
