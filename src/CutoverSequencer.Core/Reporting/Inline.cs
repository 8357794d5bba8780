namespace CutoverSequencer.Core.Reporting;

public readonly record struct Inline(string Text, InlineStyle Style)
{
    public static Inline Plain(string text) => new(text, InlineStyle.Plain);

    public static Inline Strong(string text) => new(text, InlineStyle.Strong);

    public static Inline Code(string text) => new(text, InlineStyle.Code);

    public static Inline Meter(double percent) =>
        new(Math.Clamp(percent, 0, 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
            InlineStyle.Meter);
}
