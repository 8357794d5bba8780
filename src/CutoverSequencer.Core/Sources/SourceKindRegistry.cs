namespace CutoverSequencer.Core.Sources;

/// <summary>The source kinds a build knows, in the order messages and documentation list them.</summary>
public sealed class SourceKindRegistry(params IReadOnlyList<SourceKind> kinds) : Configuration.SourceKeyRuleSet(kinds)
{
    public IReadOnlyList<SourceKind> Kinds { get; } = kinds;

    /// <summary>The kind named (case-insensitively), or null.</summary>
    public new SourceKind? Find(string name) => (SourceKind?)base.Find(name);
}
