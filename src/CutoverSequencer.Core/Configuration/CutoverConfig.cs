using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Core.Configuration;

/// <summary>The validated configuration of one run.</summary>
public sealed record CutoverConfig(
    string FilePath,
    SourceConfig Source,
    TargetConfig Target,
    AdvancementConfig SequenceAdvancement)
{
    public NameMapping Names => new(Target.Schema, Source.SchemaMapping, Source.FoldNamesToLower);
}
