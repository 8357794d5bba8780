using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Core.Wording;

namespace CutoverSequencer.Core.Reporting;

/// <summary>cutover-report.json: the machine-readable rendering. Values are 64-bit JSON numbers.</summary>
public static class JsonReportRenderer
{
    /// <summary>Serialization code generated at build time (no reflection at run time), same output.</summary>
    private static readonly ReportJson Json = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>
    /// The version of docs/schemas/cutover-report.schema.json this rendering follows: the minor part grows
    /// with added fields, the major part would change only if a field changed meaning or type.
    /// </summary>
    public const string SchemaVersion = "1.2";

    /// <summary>The rendering as text; <paramref name="directory"/>: where the files are (null: names only).</summary>
    public static string Render(CutoverReport report, string? directory = null) =>
        ReportWriter.ToText(w => Write(report, w, directory));

    /// <summary>Streamed: rows are produced and written one at a time.</summary>
    public static void Write(CutoverReport report, TextWriter output, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var stream = new TextWriterStream(output);
        Write(report, stream, directory);
    }

    /// <summary>Streamed as UTF-8 straight into a file.</summary>
    public static void Write(CutoverReport report, Stream output, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var document = new JsonReport
        {
            SchemaVersion = SchemaVersion,
            Tool = Runtime.ToolInfo.Current,
            Command = report.Command,
            Status = report.Status,
            ExitCode = report.ExitCode,
            Summary = Summary(report, ReportFiles.Of(report, directory)),
            GeneratedAt = report.GeneratedAt,
            Config = report.ConfigFile,
            Source = new JsonSource(report.Source, report.SourceCapturedAt),
            Target = report.Target,
            Enabled = report.Plan.Enabled,
            Interleave = report.Plan.Interleave is { } stride
                ? new JsonInterleave(stride.Nodes, stride.Node, stride.Residue)
                : null,
            Sequences = report.Plan.Sequences.Select(row => Row(report, row)),
            Findings =
            [
                .. report.Findings.Select(f => new JsonFinding(f.Code, f.Severity, f.Object, f.Message, f.Resolution)),
            ],
            Apply = report.Apply is null ? null : new JsonApply(report.Apply.Succeeded, report.Apply.Set.Select(s
                => s.ToString()), report.Apply.FailedAt?.ToString(), report.Apply.Error),
            SavedPlan = report.SavedPlan,
            PostLoadDefaults = report.PostLoadDefaults,
            OperationsBrief = new JsonBrief(OperationsBrief.Preamble, OperationsBrief.LinesOf(report)),
            Timings = [.. report.Timings.Select(t => new JsonTiming(t.Stage, (long)t.Duration.TotalMilliseconds))],
        };
        JsonSerializer.Serialize(output, document, Json.JsonReport);
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    /// <summary>Lets the serializer write UTF-8 straight into the report's writer.</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        private readonly System.Text.Decoder decoder = System.Text.Encoding.UTF8.GetDecoder();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set
            => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Span<char> chars = stackalloc char[1024];
            while (!buffer.IsEmpty)
            {
                decoder.Convert(buffer, chars, flush: false, out var used, out var produced, out _);
                writer.Write(chars[..produced]);
                buffer = buffer[used..];
            }
        }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static JsonRow Row(CutoverReport report, PlannedSequence row)
    {
        var entry = row.FirstTableEntry;
        var column = row.Columns.FirstOrDefault();
        var verification = report.VerificationOf(row);
        var gap = row.Gap;
        return new JsonRow
        {
            Sequence = row.Name,
            Table = entry?.Table?.ToString(),
            Column = column?.Name ?? entry?.PkColumn,
            Tables = [.. row.Entries.Where(e => e.Table is not null).Select(e => e.Table!.ToString())],
            Origin = row.Entries.Select(e => e.Origin).FirstOrDefault(),
            SourceSequence = row.SourceName,
            SourceLast = Int64(row.SourceLast),
            TargetMax = Int64(row.TargetMax),
            SourceNow = report.SavedPlan is null ? null : Int64(row.SourceNow),
            Margin = row.Margin,
            NewValue = Int64(row.NewValue),
            NextValue = Int64(row.NextValue),
            RequiredNextValue = Int64(row.RequiredNext),
            Action = row.Action,
            Increment = row.Current?.Increment,
            NewIncrement = row.NewIncrement,
            Rate = row.Rate is { } r ? new JsonRate(Math.Round(r.PerHour, 3), DerivationWording.Basis(r.Basis),
                r.Window.TotalHours, r.Headroom, r.Required, r.Configured) : null,
            Headroom = row.Action == PlanAction.Blocked || row.Headroom is not { } room
                ? null
                : new JsonHeadroom(Int64(room.Limit), room.LimitedBy, Int64(room.ValuesLeft),
                    Math.Round(room.PercentLeft, 6),
                    room.ValuesPerHour is { } rate ? Math.Round(rate, 3) : null,
                    room.HoursLeft is { } hours ? Math.Round(hours, 1) : null),
            Hilo = row.BlockSize is { } blockSize
                ? new JsonHilo(blockSize, Int64(row.FirstKey), Int64(row.LastKey))
                : null,
            Previous = row.Current is null ? null : new JsonPrevious(row.Current.LastValue, row.Current.IsCalled,
                Int64(row.Current.NextValue)),
            ExpectedGap = gap is null || row.Action == PlanAction.Blocked
                ? null
                : new JsonGap(Int64(gap.First), Int64(gap.Last), Int64(gap.Size), OperationsBrief.Words(gap.Size),
                    Part(gap.CatchUp), Part(gap.Margin)),
            Derivation = DerivationWording.Describe(row),
            ScanMilliseconds = row.ScanTime is { } scan ? (long?)scan.TotalMilliseconds : null,
            Set = report.WasSet(row),
            Verified = verification?.Passed,
            Verification = verification?.Detail,
        };
    }

    private static JsonSummary Summary(CutoverReport report, ReportFiles files)
    {
        int advance = 0, unchanged = 0, blocked = 0, set = 0;
        foreach (var row in report.Plan.Sequences)
        {
            switch (row.Action)
            {
                case PlanAction.Advance: advance++; break;
                case PlanAction.Unchanged: unchanged++; break;
                default: blocked++; break;
            }
            set += report.WasSet(row) ? 1 : 0;
        }
        int Count(Severity severity) => report.Findings.Count(f => f.Severity == severity);
        return new JsonSummary(report.Status, report.ExitCode, report.Plan.Sequences.Count,
            new JsonActionCounts(advance, unchanged, blocked, set), report.Findings.Count,
            new JsonSeverityCounts(Count(Severity.Blocking), Count(Severity.Warning),
                Count(Severity.Info)), files);
    }

    private static JsonGapPart? Part(GapPart? part) => part is null ? null : new JsonGapPart(Int64(part.First),
        Int64(part.Last), Int64(part.Size));

    /// <summary>Values outside 64 bits (only possible on a blocked row) are written as null.</summary>
    private static long? Int64(BigInteger? value) =>
        value is { } v && v >= long.MinValue && v <= long.MaxValue ? (long)v : null;
}
