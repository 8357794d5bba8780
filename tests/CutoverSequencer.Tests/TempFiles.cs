namespace CutoverSequencer.Tests;

/// <summary>A temporary directory with real files, removed afterwards.</summary>
internal sealed class TempFiles : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("cutover-test-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
