namespace CutoverSequencer.Core.Reporting;

public enum InlineStyle
{
    Plain,
    Strong,
    Code,
}
