using System.Reflection;

namespace CutoverSequencer.Core.Runtime;

/// <summary>
/// The tool's name, version and commit, as the build stamped them (InformationalVersion is
/// <c>version+commit</c>; the commit is "unknown" when the build had no git checkout).
/// </summary>
public static class ToolVersion
{
    public const string Name = "cutover-sequencer";

    private static readonly string Informational =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0+unknown";

    /// <summary>The release version (SemVer, without the commit).</summary>
    public static string Version { get; } = Informational.Split('+')[0];

    /// <summary>The git commit the tool was built from, or "unknown".</summary>
    public static string Commit { get; } =
        Informational.Split('+') is [_, var commit, ..] && commit.Length > 0 ? commit : "unknown";

    /// <summary>What <c>--version</c> prints.</summary>
    public static string Display => $"{Name} {Version} (commit {Commit})";
}
