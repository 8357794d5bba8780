namespace CutoverSequencer.Core.Reporting;

public sealed record BulletList(IEnumerable<IReadOnlyList<Inline>> Items) : Block;
