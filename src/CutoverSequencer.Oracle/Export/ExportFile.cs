using System.Globalization;
using System.Numerics;
using System.Text;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Oracle.Catalog;
using Microsoft.VisualBasic.FileIO;

namespace CutoverSequencer.Oracle.Export;

/// <summary>
/// One CSV file of an Oracle export, as SQL*Plus <c>SET MARKUP CSV ON</c> writes it: RFC 4180
/// quoting (parsed by the framework's TextFieldParser), a header row of Oracle column names (case-insensitive, extra columns ignored), an empty
/// field for NULL. A UTF-8 byte order mark and CRLF line ends are accepted; invalid UTF-8 is not.
/// </summary>
internal static class ExportFile
{
    /// <summary>Far above any real dictionary export; a guard against a wrong file, not a tuning knob.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    public static IReadOnlyList<CsvRow> Read(string path, IReadOnlyCollection<string> requiredColumns)
    {
        var name = Path.GetFileName(path);
        if (new FileInfo(path).Length > MaxFileBytes)
        {
            throw new InvalidInputException($"{name}: {new FileInfo(path).Length / (1024 * 1024)} MB is beyond the {MaxFileBytes / (1024 * 1024)} MB an export file may have");
        }
        try
        {
            string text;
            using (var file = new StreamReader(path, StrictUtf8.Encoding, detectEncodingFromByteOrderMarks: true))
            {
                text = file.ReadToEnd();
            }
            // TextFieldParser drops NUL characters silently; no dictionary text holds one.
            var nul = text.IndexOf('\0', StringComparison.Ordinal);
            if (nul >= 0)
            {
                throw new InvalidInputException($"{name}:{text.AsSpan(0, nul).Count('\n') + 1}: contains a NUL byte (not a text export)");
            }
            using var stream = new StringReader(text);
            using var parser = new TextFieldParser(stream)
            {
                TextFieldType = FieldType.Delimited,
                Delimiters = [","],
                HasFieldsEnclosedInQuotes = true,
                TrimWhiteSpace = false,
            };
            var header = ReadRecord(parser, out var headerLine);
            if (header is null)
            {
                throw new InvalidInputException($"{name}: the file is empty (expected a header row)");
            }
            var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++)
            {
                var column = header[i].Trim();
                if (column.Length > 0 && !columns.TryAdd(column, i))
                {
                    throw new InvalidInputException($"{name}:{headerLine}: column {column.ToUpperInvariant()} appears twice in the header");
                }
            }
            var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidInputException(
                    $"{name}:{headerLine}: missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} in the header");
            }

            var rows = new List<CsvRow>();
            while (ReadRecord(parser, out var line) is { } record)
            {
                if (record.Length != header.Length)
                {
                    throw new InvalidInputException($"{name}:{line}: {record.Length} fields where the header has {header.Length}");
                }
                rows.Add(new CsvRow(name, line, columns, record));
            }
            return rows;
        }
        catch (MalformedLineException e)
        {
            throw new InvalidInputException($"{name}:{e.LineNumber}: malformed CSV (unbalanced or misplaced double quote)", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidInputException($"{name}: not valid UTF-8 (byte offset {e.Index}); export with NLS_LANG=.AL32UTF8", e);
        }
        catch (IOException e)
        {
            throw new InvalidInputException($"{name}: cannot read: {e.Message}", e);
        }
    }

    /// <summary>The next non-blank record and the line it starts on (SQL*Plus may emit blank lines).</summary>
    private static string[]? ReadRecord(TextFieldParser parser, out int line)
    {
        while (!parser.EndOfData)
        {
            line = (int)parser.LineNumber;
            var fields = parser.ReadFields();
            if (fields is { Length: > 0 } && !(fields.Length == 1 && fields[0].Length == 0))
            {
                return fields;
            }
        }
        line = (int)parser.LineNumber;
        return null;
    }
}

/// <summary>One CSV data row.</summary>
internal sealed class CsvRow(string file, int line, IReadOnlyDictionary<string, int> columns, string[] fields) : CatalogRow
{
    public override string Location => $"{file}:{line}";

    public override string? Get(string column) =>
        columns.TryGetValue(column, out var i) && fields[i].Trim().Length > 0 ? fields[i] : null;
}
