using System.Diagnostics;
using System.Reflection;

namespace CutoverSequencer.IntegrationTests;

/// <summary>
/// The CLI as a .NET tool: packed from the built project, installed into a temporary tool path from the
/// package folder (as <c>dotnet tool install --global cutover-sequencer --add-source DIR</c> does), and run.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly TempDirectory workspace = new();

    public void Dispose() => workspace.Dispose();

    private static string Configuration =>
        typeof(ToolPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
        ?? "Release";

    [Fact]
    public async Task The_packed_tool_installs_into_a_tool_path_and_prints_its_version_and_commit()
    {
        var packages = Path.Combine(workspace.Root, "packages");
        var tools = Path.Combine(workspace.Root, "tools");
        // The project was built with the tests: packed as built, in this test run's configuration.
        var pack = await RunAsync("dotnet", "pack", Path.Combine(Repository.Root, "src", "CutoverSequencer.Cli"),
            "-c", Configuration, "--no-build", "-o", packages, "--nologo");
        Assert.True(pack.ExitCode == 0, pack.Stdout + pack.Stderr);
        var package = Assert.Single(Directory.GetFiles(packages, "cutover-sequencer.*.nupkg"));

        var install = await RunAsync("dotnet", "tool", "install", "cutover-sequencer", "--tool-path", tools,
            "--add-source", packages);
        Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);

        var tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "cutover-sequencer.exe" : "cutover-sequencer");
        var version = await RunAsync(tool, "--version");
        Assert.Equal(0, version.ExitCode);
        var expected = Core.Runtime.ToolVersion.Display;
        Assert.Equal(expected, version.Stdout.Trim());
        Assert.Contains($"cutover-sequencer.{Core.Runtime.ToolVersion.Version}.nupkg", package, StringComparison.Ordinal);
        Assert.Matches(@"^cutover-sequencer \d+\.\d+\.\d+\S* \(commit ([0-9a-f]{40}|unknown)\)$", version.Stdout.Trim());

        var help = await RunAsync(tool, "demo", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Run the whole stage on a throwaway local PostgreSQL", help.Stdout, StringComparison.Ordinal);
        // The bundled sample ships in the package beside the tool, where demo looks for it.
        Assert.NotEmpty(Directory.GetFiles(tools, "cutover.yaml", SearchOption.AllDirectories));
    }

    private async Task<CliResult> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workspace.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // A package folder of its own: the machine's cache may hold an older build of the same version.
        start.Environment["NUGET_PACKAGES"] = Path.Combine(workspace.Root, "nuget");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(cancel.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
