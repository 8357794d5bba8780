namespace CutoverSequencer.Tests;

/// <summary>
/// A corpus file under Data/FOLDER: leading "-- key: value" lines (the header), then the code text.
/// </summary>
public sealed class CorpusFile
{
    private readonly List<string> header;

    private CorpusFile(List<string> header, string text, string name)
    {
        this.header = header;
        Text = text;
        Name = name;
    }

    /// <summary>The code after the header, lines joined with \n.</summary>
    public string Text { get; }

    /// <summary>The file name without extension, upper case (the object's name).</summary>
    public string Name { get; }

    public static IEnumerable<string> Files(string folder, string prefix) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", folder), prefix + "*.sql")
            .Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    public static CorpusFile Load(string folder, string file)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", folder, file));
        var header = lines
            .TakeWhile(l => l.StartsWith("-- ", StringComparison.Ordinal) && l.Contains(": ", StringComparison.Ordinal))
            .ToList();
        return new CorpusFile(header, string.Join("\n", lines.Skip(header.Count)),
            Path.GetFileNameWithoutExtension(file).ToUpperInvariant());
    }

    /// <summary>Every value of a header key, in order.</summary>
    public List<string> All(string key) =>
        [.. header.Where(l => l.StartsWith($"-- {key}: ", StringComparison.Ordinal)).Select(l => l[(key.Length + 5)..])];

    /// <summary>The first value of a header key, or null.</summary>
    public string? Meta(string key) => All(key).FirstOrDefault();
}
