namespace CutoverSequencer.Core.Reporting;

public sealed record BulletList(IEnumerable<IReadOnlyList<Inline>> Items) : Block
{
    /// <summary>HTML only: the list's class (null: none).</summary>
    public string? Class { get; init; }
}
