namespace CutoverSequencer.Core.Reporting;

public readonly record struct Inline(string Text, InlineStyle Style)
{
    /// <summary>A link's anchor in the same page (without '#'); text renderers show the text only.</summary>
    public string? Anchor { get; init; }

    public static Inline Plain(string text) => new(text, InlineStyle.Plain);

    public static Inline Strong(string text) => new(text, InlineStyle.Strong);

    public static Inline Code(string text) => new(text, InlineStyle.Code);

    public static Inline Link(string text, string anchor) => new(text, InlineStyle.Plain) { Anchor = anchor };

    public static Inline Meter(double percent) =>
        new(Math.Clamp(percent, 0, 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
            InlineStyle.Meter);
}
