using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Reporting;

/// <summary>cutover-report.json: the machine-readable rendering. Values are 64-bit JSON numbers.</summary>
public static class JsonReportRenderer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(CutoverReport report) => ReportWriter.ToText(w => Write(report, w));

    /// <summary>Streamed: rows are produced and written one at a time.</summary>
    public static void Write(CutoverReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var document = new
        {
            tool = "cutover-sequencer",
            command = report.Command,
            status = report.Status,
            exitCode = report.ExitCode,
            generatedAt = report.GeneratedAt,
            config = report.ConfigFile,
            source = new { description = report.Source, capturedAt = report.SourceCapturedAt },
            target = report.Target,
            enabled = report.Plan.Enabled,
            interleave = report.Plan.Interleave is { } stride ? new { nodes = stride.Nodes, node = stride.Node, residue = stride.Residue } : null,
            sequences = report.Plan.Sequences.Select(row => Row(report, row)),
            findings = report.Findings.Select(f => new
            {
                code = f.Code,
                severity = f.Severity,
                @object = f.Object,
                message = f.Message,
                resolution = f.Resolution,
            }).ToList(),
            apply = report.Apply is null ? null : new
            {
                succeeded = report.Apply.Succeeded,
                set = report.Apply.Set.Select(s => s.ToString()).ToList(),
                failedAt = report.Apply.FailedAt?.ToString(),
                error = report.Apply.Error,
            },
            postLoadDefaults = report.PostLoadDefaults,
            operationsBrief = new { summary = OperationsBrief.Preamble, sequences = OperationsBrief.Lines(report) },
            timings = report.Timings.Select(t => new { stage = t.Stage, milliseconds = (long)t.Duration.TotalMilliseconds }).ToList(),
        };
        using var stream = new TextWriterStream(output);
        JsonSerializer.Serialize(stream, document, Options);
        stream.Flush();
        output.Write('\n');
    }

    /// <summary>Lets the serializer write UTF-8 straight into the report's writer.</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        private readonly System.Text.Decoder decoder = System.Text.Encoding.UTF8.GetDecoder();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

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

    private static object Row(CutoverReport report, PlannedSequence row)
    {
        var entry = row.FirstTableEntry;
        var column = row.Columns.FirstOrDefault();
        var verification = report.VerificationOf(row);
        var gap = row.Gap;
        return new
        {
            sequence = row.Name,
            table = entry?.Table?.ToString(),
            column = column?.Name ?? entry?.PkColumn,
            tables = row.Entries.Where(e => e.Table is not null).Select(e => e.Table!.ToString()).ToList(),
            origin = row.Entries.Select(e => e.Origin).FirstOrDefault(),
            sourceSequence = row.SourceName,
            sourceLast = Int64(row.SourceLast),
            targetMax = Int64(row.TargetMax),
            margin = row.Margin,
            newValue = Int64(row.NewValue),
            nextValue = Int64(row.NextValue),
            requiredNextValue = Int64(row.RequiredNext),
            action = row.Action,
            increment = row.Current?.Increment,
            newIncrement = row.NewIncrement,
            rate = row.Rate is { } r ? new
            {
                perHour = Math.Round(r.PerHour, 3),
                basis = r.Basis,
                windowHours = r.Window.TotalHours,
                headroom = r.Headroom,
                requiredMargin = r.Required,
                configuredMargin = r.Configured,
            } : null,
            previous = row.Current is null ? null : new
            {
                lastValue = row.Current.LastValue,
                isCalled = row.Current.IsCalled,
                nextValue = Int64(row.Current.NextValue),
            },
            expectedGap = gap is null || row.Action == PlanAction.Blocked ? null : new
            {
                first = Int64(gap.First),
                last = Int64(gap.Last),
                size = Int64(gap.Size),
                words = OperationsBrief.Words(gap.Size),
            },
            derivation = row.Derivation,
            scanMilliseconds = row.ScanTime is { } scan ? (long?)scan.TotalMilliseconds : null,
            set = report.WasSet(row),
            verified = verification?.Passed,
            verification = verification?.Detail,
        };
    }

    /// <summary>Values outside 64 bits (only possible on a blocked row) are written as null.</summary>
    private static long? Int64(BigInteger? value) =>
        value is { } v && v >= long.MinValue && v <= long.MaxValue ? (long)v : null;
}
