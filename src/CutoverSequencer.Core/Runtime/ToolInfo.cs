namespace CutoverSequencer.Core.Runtime;

/// <summary>The tool that wrote a JSON file (report, journal): <c>tool: {name, version, commit}</c>.</summary>
public sealed record ToolInfo(string Name, string Version, string Commit)
{
    public static ToolInfo Current { get; } = new(ToolVersion.Name, ToolVersion.Version, ToolVersion.Commit);
}
