namespace CutoverSequencer.Core.Reporting;

public enum InlineStyle
{
    Plain,
    Strong,
    Code,

    /// <summary>A share from 0 to 100 (invariant text): a bar in HTML, nothing in text renderers.</summary>
    Meter,
}
