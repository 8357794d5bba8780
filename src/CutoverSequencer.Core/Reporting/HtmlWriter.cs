using System.Net;

namespace CutoverSequencer.Core.Reporting;

/// <summary>One self-contained, printable HTML page: inline CSS, no scripts, every text HTML-encoded.</summary>
public static class HtmlWriter
{
    public static void Write(IEnumerable<Block> blocks, TextWriter output, string title, string badge,
        string badgeClass, string footer)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(output);
        output.Write($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{E(title)}}</title>
            <style>
            :root { --ok: #1a7f37; --bad: #b42318; --warn: #9a6700; --line: #d0d7de; --muted: #57606a; }
            body {
                font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
                color: #1f2328;
                margin: 2rem auto;
                max-width: 1400px;
                padding: 0 1.5rem;
            }
            h1 { font-size: 1.6rem; border-bottom: 2px solid var(--line); padding-bottom: .4rem; }
            h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
            table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
            th, td {
                border: 1px solid var(--line);
                padding: .3rem .45rem;
                vertical-align: top;
                overflow-wrap: normal;
                min-width: 3em;
            }
            /* Codes and names never break mid-word: the table grows and its wrapper scrolls instead. */
            td.id, th.id, td code { overflow-wrap: normal; word-break: keep-all; white-space: nowrap; }
            .scroll { overflow-x: auto; max-width: 100%; }
            tr.blocked td { background: #fde8e6; }
            tr.blocked td:first-child { box-shadow: inset 4px 0 0 var(--bad); font-weight: 600; }
            :target td { outline: 2px solid var(--bad); }
            ul.blocking li { margin: .2rem 0; }
            td:first-child { min-width: 8em; }
            th { background: #f6f8fa; text-align: left; }
            td.num, th.num { text-align: right; } td.num { white-space: nowrap; }
            tr:nth-child(even) td { background: #fbfcfd; }
            tr.blocked:nth-child(even) td { background: #fde8e6; }
            code, pre {
                font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
                background: #f6f8fa;
                border-radius: 3px;
            }
            .meter { display: inline-block; width: 4rem; height: .55rem; margin-right: .35rem; vertical-align: middle;
                border: 1px solid var(--line); border-radius: 2px; background: #fff; }
            .meter > span { display: block; height: 100%; background: var(--ok); }
            .meter.low > span { background: var(--bad); }
            code { padding: 0 .2rem; } pre { padding: .6rem; overflow-x: auto; white-space: pre-wrap; }
            .status {
                display: inline-block;
                padding: .3rem .8rem;
                border-radius: 4px;
                color: #fff;
                font-weight: 600;
                letter-spacing: .02em;
            }
            .status.ok { background: var(--ok); }
            .status.bad { background: var(--bad); }
            .status.warn { background: var(--warn); }
            footer { color: var(--muted); margin-top: 2rem; font-size: 12px; }
            @media print {
              /* The status colours, the blocked rows and the meters print as on screen. */
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              body { margin: 0; max-width: none; font-size: 9pt; }
              h2 { break-after: avoid; } tr, li { break-inside: avoid; }
              thead { display: table-header-group; }
              .scroll { overflow: visible; }
              th, td { padding: 2pt 4pt; }
            }
            </style>
            </head>
            <body>
            <p><span class="status {{badgeClass}}">{{E(badge)}}</span></p>

            """);
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading h:
                    output.WriteLine($"<h{h.Level}>{E(h.Text)}</h{h.Level}>");
                    break;
                case Paragraph p:
                    output.Write("<p>");
                    WriteInlines(p.Parts, output);
                    output.WriteLine("</p>");
                    break;
                case BulletList list:
                    output.WriteLine(list.Class is null ? "<ul>" : $"<ul class=\"{E(list.Class)}\">");
                    foreach (var item in list.Items)
                    {
                        output.Write("<li>");
                        WriteInlines(item, output);
                        output.WriteLine("</li>");
                    }
                    output.WriteLine("</ul>");
                    break;
                case Table table:
                    WriteTable(table, output);
                    break;
                case Figure figure:
                    output.Write("<figure>");
                    output.Write(figure.Svg);
                    output.WriteLine($"<figcaption>{E(figure.Caption)}</figcaption></figure>");
                    break;
                case CodeBlock code:
                    output.Write("<pre><code>");
                    foreach (var line in code.Lines)
                    {
                        output.WriteLine(E(line));
                    }
                    output.WriteLine("</code></pre>");
                    break;
            }
        }
        output.WriteLine($"<footer>{E(footer)}</footer>\n</body>\n</html>");
    }

    private static void WriteTable(Table table, TextWriter output)
    {
        static string Class(Column c) => c.Numeric ? " class=\"num\"" : c.Identifier ? " class=\"id\"" : "";
        output.Write("<div class=\"scroll\"><table>\n<thead><tr>");
        foreach (var c in table.Columns)
        {
            output.Write($"<th{Class(c)}>{E(c.Title)}</th>");
        }
        output.WriteLine("</tr></thead>\n<tbody>");
        var index = 0;
        foreach (var row in table.Rows)
        {
            var mark = table.Mark?.Invoke(index++);
            output.Write(mark is null ? "<tr>"
                : $"<tr id=\"{E(mark.Id)}\"{(mark.Blocked ? " class=\"blocked\"" : "")}>");
            for (var i = 0; i < row.Count; i++)
            {
                output.Write(i < table.Columns.Count ? $"<td{Class(table.Columns[i])}>" : "<td>");
                WriteInlines(row[i], output);
                output.Write("</td>");
            }
            output.WriteLine("</tr>");
        }
        output.WriteLine("</tbody>\n</table></div>");
    }

    private static void WriteInlines(IReadOnlyList<Inline> parts, TextWriter output)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Style == InlineStyle.Meter)
            {
                // The share left, drawn; the low class at under 10 % (the default KEY_HEADROOM_LOW threshold).
                var low = double.Parse(parts[i].Text, System.Globalization.CultureInfo.InvariantCulture) < 10;
                var share = E(parts[i].Text);
                output.Write($"<span class=\"meter{(low ? " low" : "")}\" role=\"img\" aria-label=\"{share}% left\">" +
                    $"<span style=\"width: {share}%\"></span></span>");
                continue;
            }
            var (open, close) = parts[i].Style switch
            {
                _ when parts[i].Anchor is { } anchor => ($"<a href=\"#{E(anchor)}\">", "</a>"),
                InlineStyle.Strong => ("<strong>", "</strong>"),
                InlineStyle.Code => ("<code>", "</code>"),
                _ => ("", ""),
            };
            output.Write(open);
            WebUtility.HtmlEncode(parts[i].Text, output);
            output.Write(close);
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
