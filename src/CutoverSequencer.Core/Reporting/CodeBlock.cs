namespace CutoverSequencer.Core.Reporting;

public sealed record CodeBlock(string Language, IEnumerable<string> Lines) : Block;
