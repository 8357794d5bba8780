namespace CutoverSequencer.Core.Reporting;

/// <summary>Markdown (CommonMark with pipe tables). Text that could read as syntax is escaped.</summary>
public static class MarkdownWriter
{
    public static void Write(IEnumerable<Block> blocks, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(output);
        var first = true;
        foreach (var block in blocks)
        {
            if (!first)
            {
                output.WriteLine();
            }
            first = false;
            switch (block)
            {
                case Heading h:
                    output.Write(new string('#', h.Level));
                    output.Write(' ');
                    // Sequence names in headings (the watch report's) may hold <, > or *.
                    WriteEscaped(h.Text, output);
                    output.WriteLine();
                    break;
                case Paragraph p:
                    WriteInlines(p.Parts, output);
                    output.WriteLine();
                    break;
                case BulletList list:
                    foreach (var item in list.Items)
                    {
                        output.Write("- ");
                        WriteInlines(item, output);
                        output.WriteLine();
                    }
                    break;
                case Table table:
                    output.WriteLine("| " + string.Join(" | ", table.Columns.Select(c => Escape(c.Title))).TrimEnd()
                        + " |");
                    output.WriteLine("|" + string.Concat(table.Columns.Select(c => c.Numeric ? "--:|" : "---|")));
                    foreach (var row in table.Rows)
                    {
                        // Cells are written straight to the output: a report of many thousand rows
                        // builds no per-row strings.
                        output.Write("| ");
                        for (var i = 0; i < row.Count; i++)
                        {
                            if (i > 0)
                            {
                                output.Write(" | ");
                            }
                            WriteInlines(row[i], output);
                        }
                        output.WriteLine(" |");
                    }
                    break;
                case Figure figure:
                    output.WriteLine($"_{figure.Caption} (chart in the HTML report)._");
                    break;
                case CodeBlock code:
                    output.WriteLine("```" + code.Language);
                    foreach (var line in code.Lines)
                    {
                        output.WriteLine(line);
                    }
                    output.WriteLine("```");
                    break;
            }
        }
    }

    private static void WriteInlines(IReadOnlyList<Inline> parts, TextWriter output)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            switch (part.Style)
            {
                case InlineStyle.Meter:
                    break;
                case InlineStyle.Strong:
                    output.Write("**");
                    WriteEscaped(part.Text, output);
                    output.Write("**");
                    break;
                case InlineStyle.Code when !part.Text.Contains('`', StringComparison.Ordinal):
                    output.Write('`');
                    output.Write(part.Text);
                    output.Write('`');
                    break;
                default:
                    WriteEscaped(part.Text, output);
                    break;
            }
        }
    }

    /// <summary>Names may hold any character (quoted identifiers): escape what Markdown would read as syntax.</summary>
    private static readonly System.Buffers.SearchValues<char> Special =
        System.Buffers.SearchValues.Create("\\`*[]<>|\r\n");

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAny(Special))
        {
            return text;
        }
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        WriteEscaped(text, writer);
        return writer.ToString();
    }

    private static void WriteEscaped(string text, TextWriter output)
    {
        var rest = text.AsSpan();
        for (var at = rest.IndexOfAny(Special); at >= 0; at = rest.IndexOfAny(Special))
        {
            output.Write(rest[..at]);
            var c = rest[at];
            if (c is '\r' or '\n')
            {
                output.Write(' ');
            }
            else
            {
                output.Write('\\');
                output.Write(c);
            }
            rest = rest[(at + 1)..];
        }
        output.Write(rest);
    }
}
