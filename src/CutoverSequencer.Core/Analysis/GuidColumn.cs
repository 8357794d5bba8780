using CutoverSequencer.Core.Model;

namespace CutoverSequencer.Core.Analysis;

/// <summary>A key column holding GUIDs, with the sample evidence.</summary>
public sealed record GuidColumn(SourceColumn Column, int SampleCount, IReadOnlyList<GuidForm> Forms, string Example);
