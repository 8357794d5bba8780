namespace CutoverSequencer.Testing;

/// <summary>A temporary directory with real files, removed afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("cutover-test-").FullName;

    public string Write(string name, string content) => WriteBytes(name, System.Text.Encoding.UTF8.GetBytes(content));

    public string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

internal static class Repository
{
    /// <summary>The checkout's root: the directory holding CutoverSequencer.sln.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CutoverSequencer.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
