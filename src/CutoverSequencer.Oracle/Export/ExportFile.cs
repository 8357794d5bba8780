using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;

namespace CutoverSequencer.Oracle.Export;

/// <summary>
/// One CSV file of an Oracle export, as SQL*Plus <c>SET MARKUP CSV ON</c> writes it: RFC 4180 quoting, read
/// as a stream by CsvHelper with the line each record starts on; a header row of Oracle column names
/// (case-insensitive, extra columns ignored); an empty field for NULL. A UTF-8 byte order mark and CRLF
/// line ends are accepted; invalid UTF-8, NUL bytes and broken quoting are not. A stray quote inside an
/// unquoted field is kept as text (the name checks refuse it where it matters). An empty file (no header
/// row: the old script spooled nothing for a query without rows) reads as null for the caller to judge;
/// error text SQL*Plus spooled in place of rows (ORA-, SP2-, PLS-, "ERROR at line") is named as such.
/// </summary>
internal static partial class ExportFile
{
    /// <summary>Far above any real dictionary export; a guard against a wrong file, not a tuning knob.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    private const string Malformed = "malformed CSV (unbalanced or misplaced double quote)";

    /// <returns>The rows; null when the file is empty (not even a header row).</returns>
    public static IReadOnlyList<CsvRow>? Read(string path, IReadOnlyCollection<string> requiredColumns)
    {
        try
        {
            return ReadRows(path, requiredColumns);
        }
        catch (InvalidInputException) when (SpooledError(path) is { } spooled)
        {
            // Error text breaks the CSV shape first (a stray line, a field count): name the cause instead.
            throw spooled;
        }
    }

    private static IReadOnlyList<CsvRow>? ReadRows(string path, IReadOnlyCollection<string> requiredColumns)
    {
        var name = Path.GetFileName(path);
        if (new FileInfo(path).Length > MaxFileBytes)
        {
            throw new InvalidInputException($"{name}: {new FileInfo(path).Length / (1024 * 1024)} MB is beyond the " +
                $"{MaxFileBytes / (1024 * 1024)} MB an export file may have");
        }
        long? malformedAt = null;
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false,
            TrackLineNumbers = true,
            TrimWhitespace = false,
            OnMalformedRecord = record =>
            {
                // A stray quote in an unquoted field is text; an unclosed quote or text after a closing one is not.
                if (record.Reason != CsvMalformedReason.StrayQuote)
                {
                    malformedAt ??= record.LineNumber;
                }
            },
        };
        try
        {
            using var text = new StreamReader(path, StrictUtf8.Encoding, detectEncodingFromByteOrderMarks: true);
            using var reader = CsvReader.Create(text, options);
            var header = ReadRecord(reader, name, () => malformedAt, out var headerLine);
            if (header is null)
            {
                return null;
            }
            var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++)
            {
                var column = header[i].Trim();
                if (column.Length > 0 && !columns.TryAdd(column, i))
                {
                    throw new InvalidInputException(
                        $"{name}:{headerLine}: column {column.ToUpperInvariant()} appears twice in the header");
                }
            }
            var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidInputException(
                    $"{name}:{headerLine}: missing column{(missing.Count > 1 ? "s" : "")} " +
                    $"{string.Join(", ", missing)} in the header");
            }

            var rows = new List<CsvRow>();
            while (ReadRecord(reader, name, () => malformedAt, out var line) is { } record)
            {
                if (record.Length != header.Length)
                {
                    throw new InvalidInputException(
                        $"{name}:{line}: {record.Length} fields where the header has {header.Length}");
                }
                rows.Add(new CsvRow(name, line, columns, record));
            }
            return rows;
        }
        catch (CsvFormatException e)
        {
            throw new InvalidInputException($"{name}:{e.LineNumber}: {Malformed}", e);
        }
        catch (DecoderFallbackException e)
        {
            var (line, offset) = FirstInvalidUtf8(path);
            throw new InvalidInputException(
                $"{name}:{line}: not valid UTF-8 (byte {offset}): the file was written in the client's character " +
                "set; set NLS_LANG=.AL32UTF8 before running sqlplus (export NLS_LANG=.AL32UTF8, on Windows " +
                "set NLS_LANG=.AL32UTF8) and export again", e);
        }
        catch (IOException e)
        {
            throw new InvalidInputException($"{name}: cannot read: {e.Message}", e);
        }
    }

    /// <summary>The next non-blank record and the line it starts on (SQL*Plus may emit blank lines).</summary>
    private static string[]? ReadRecord(CsvReader reader, string name, Func<long?> malformedAt, out int line)
    {
        while (reader.Read())
        {
            line = (int)reader.LineNumber;
            if (malformedAt() is { } at)
            {
                throw new InvalidInputException($"{name}:{at}: {Malformed}");
            }
            var nul = reader.RawRecord.IndexOf((byte)0);
            if (nul >= 0)
            {
                var within = reader.RawRecord[..nul].Count((byte)'\n');
                throw new InvalidInputException($"{name}:{line + within}: contains a NUL byte (not a text export)");
            }
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i);
            }
            if (fields.Length > 0 && reader.RawRecord.Length > 0 && reader.RawRecord[0] != (byte)'"'
                && ErrorLine().IsMatch(fields[0]))
            {
                throw Spooled(name, line, string.Join(",", fields));
            }
            if (fields.Length > 0 && !(fields.Length == 1 && fields[0].Length == 0))
            {
                return fields;
            }
        }
        line = (int)reader.LineNumber;
        if (malformedAt() is { } end)
        {
            throw new InvalidInputException($"{name}:{end}: {Malformed}");
        }
        return null;
    }

    /// <summary>The first line SQL*Plus wrote as an error, as an input error naming it; null when none.</summary>
    private static InvalidInputException? SpooledError(string path)
    {
        var number = 0;
        foreach (var text in File.ReadLines(path, Encoding.Latin1))
        {
            number++;
            if (ErrorLine().IsMatch(text))
            {
                return Spooled(Path.GetFileName(path), number, text);
            }
        }
        return null;
    }

    private static InvalidInputException Spooled(string name, int line, string text)
    {
        var error = text.Trim();
        error = error.Length > 120 ? error[..120] + "…" : error;
        return new InvalidInputException(
            $"{name}:{line}: SQL*Plus wrote an error into this file instead of rows ({error}): the export did not " +
            "complete; fix the cause (often a missing privilege, see docs/oracle/README.md) and run it again");
    }

    [GeneratedRegex(@"^\s*((ORA|SP2|PLS|TNS)-\d{4,5}\b|ERROR at line \d+:)", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorLine();

    /// <summary>The line and byte offset of the first invalid UTF-8 sequence (read again, on the error path).</summary>
    private static (int Line, long Offset) FirstInvalidUtf8(string path)
    {
        var bytes = File.ReadAllBytes(path).AsSpan();
        var (line, at) = (1, 0);
        while (at < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[at..], out var rune, out var consumed) != OperationStatus.Done)
            {
                return (line, at);
            }
            line += rune.Value == '\n' ? 1 : 0;
            at += consumed;
        }
        return (line, at);
    }
}
