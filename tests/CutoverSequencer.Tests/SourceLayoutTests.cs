using System.Text.RegularExpressions;

namespace CutoverSequencer.Tests;

/// <summary>
/// The layout rules of src/: lines of at most 120 characters, one top-level type per file named as the file,
/// and no file over 400 lines unless its first line says why (a comment starting "// Length:").
/// </summary>
public sealed partial class SourceLayoutTests
{
    private const int MaxLine = 120;
    private const int MaxFileLines = 400;

    private static readonly char Sep = Path.DirectorySeparatorChar;

    private static readonly string Src = Path.Combine(Repository.Root, "src");

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Sep}obj{Sep}", StringComparison.Ordinal)
                        && !f.Contains($"{Sep}bin{Sep}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string Relative(string file) => Path.GetRelativePath(Repository.Root, file);

    [Fact]
    public void No_line_in_src_is_longer_than_120_characters()
    {
        var long_ = SourceFiles()
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => x.line.Length > MaxLine)
            .Select(x => $"{Relative(x.f)}:{x.i + 1} ({x.line.Length} characters)")
            .ToList();
        Assert.True(long_.Count == 0,
            $"{long_.Count} lines over {MaxLine} characters:\n" + string.Join('\n', long_.Take(40)));
    }

    [Fact]
    public void Every_file_in_src_holds_one_top_level_type_named_as_the_file()
    {
        var wrong = new List<string>();
        foreach (var file in SourceFiles())
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var typeName = name.Split('.')[0];
            var types = File.ReadLines(file).Select(l => TopLevelType().Match(l)).Where(m => m.Success)
                .Select(m => m.Groups["name"].Value).ToList();
            if (name == "Program" && types.Count == 0)
            {
                continue;
            }
            if (types.Count != 1 || types[0] != typeName)
            {
                wrong.Add($"{Relative(file)}: declares {(types.Count == 0 ? "no type" : string.Join(", ", types))}");
            }
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} files break one-type-per-file:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void A_file_over_400_lines_says_why_at_its_top()
    {
        var unexplained = SourceFiles()
            .Select(f => (f, lines: File.ReadAllLines(f)))
            .Where(x => x.lines.Length > MaxFileLines
                        && !x.lines[0].StartsWith("// Length:", StringComparison.Ordinal))
            .Select(x => $"{Relative(x.f)}: {x.lines.Length} lines")
            .ToList();
        Assert.True(unexplained.Count == 0,
            "files over 400 lines without a '// Length:' reason:\n" + string.Join('\n', unexplained));
    }

    [GeneratedRegex(@"^(?:(?:public|internal|file|sealed|static|abstract|partial|readonly|ref)\s+)*" +
                    @"(?:(?:class|record\s+struct|record\s+class|record|struct|interface|enum)\s+(?<name>\w+)" +
                    @"|delegate\s+.+?\s+(?<name>\w+)\s*[<(])")]
    private static partial Regex TopLevelType();
}
