namespace CutoverSequencer.Core.Reporting;

public readonly record struct Inline(string Text, InlineStyle Style)
{
    public static Inline Plain(string text) => new(text, InlineStyle.Plain);

    public static Inline Strong(string text) => new(text, InlineStyle.Strong);

    public static Inline Code(string text) => new(text, InlineStyle.Code);
}
