namespace CutoverSequencer.Core.Reporting;

public sealed record Paragraph(IReadOnlyList<Inline> Parts) : Block
{
    public Paragraph(string text)
        : this([Inline.Plain(text)])
    {
    }
}
