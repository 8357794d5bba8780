namespace CutoverSequencer.Core.Reporting;

public sealed record Heading(int Level, string Text) : Block;
