using System.Globalization;
using System.Text;
using CutoverSequencer.Cli;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Planning;
using CutoverSequencer.Oracle.Export;
using static CutoverSequencer.Tests.Builders;

namespace CutoverSequencer.Tests;

/// <summary>
/// The hostile and broken input corpus (Data/hostile): every bad file gives one clear error per
/// problem naming the file and line (exit 2), or a blocking finding when it is about the data
/// (exit 1); what real tools write is accepted.
/// </summary>
[Collection("process environment")]
public class HostileInputTests
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "Data", "hostile");

    public static TheoryData<string> Configs =>
        [.. Directory.GetFiles(Path.Combine(Corpus, "config"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string, string, string, string> Exports
    {
        get
        {
            var data = new TheoryData<string, string, string, string>();
            foreach (var line in File.ReadAllLines(Path.Combine(Corpus, "export", "expectations.tsv")).Where(l => !l.StartsWith('#')))
            {
                var f = line.Split('\t');
                data.Add(f[0], f[1], f[2], f[3]);
            }
            return data;
        }
    }

    [Fact]
    public void The_corpus_has_at_least_fifty_bad_inputs() =>
        Assert.True(Configs.Count + Exports.Count(e => (string)e[2] != "accept") >= 50);

    [Theory]
    [MemberData(nameof(Configs))]
    public void A_bad_configuration_is_refused_naming_the_file_and_line(string file)
    {
        var path = Path.Combine(Corpus, "config", file);
        var header = File.ReadAllLines(path, Encoding.Latin1).TakeWhile(l => l.StartsWith("# ", StringComparison.Ordinal)).ToList();
        var expected = header.First(l => l.StartsWith("# expect: ", StringComparison.Ordinal))[10..];
        var line = header.FirstOrDefault(l => l.StartsWith("# line: ", StringComparison.Ordinal))?[8..];

        var error = Assert.Throws<InvalidInputException>(() => ConfigLoader.Load(path, SourceKinds.All));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        if (line is not null)
        {
            Assert.Contains($"{file}:{line}: ", error.Message, StringComparison.Ordinal);
        }
        Assert.All(error.Message.Split(Environment.NewLine), l => Assert.Contains(file, l, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void Export_files_are_refused_accepted_or_flagged_as_documented(string file, string readAs, string kind, string expected)
    {
        using var directory = new TempDirectory();
        File.Copy(Path.Combine(Corpus, "export", file), Path.Combine(directory.Root, readAs));
        if (readAs != "sequences.csv")
        {
            directory.Write("sequences.csv", "SEQUENCE_OWNER,SEQUENCE_NAME,MIN_VALUE,MAX_VALUE,INCREMENT_BY,CYCLE_FLAG,ORDER_FLAG,CACHE_SIZE,LAST_NUMBER\n");
        }
        var reader = new OracleExportReader(directory.Root, []);

        switch (kind)
        {
            case "error":
                Assert.Contains(expected, Assert.Throws<InvalidInputException>(() => reader.Read()).Message, StringComparison.Ordinal);
                break;
            case "accept":
                Assert.Contains(reader.Read().Sequences, s => s.LastNumber.ToString(CultureInfo.InvariantCulture) == expected);
                break;
            default:
                var catalog = reader.Read();
                var entry = Entry("account", "account_id", "account_seq");
                var plan = AdvancementPlanner.Plan(Settings(10_000, true, entry), catalog, Target(State(entry, Sequence("account_seq"), 10)));
                Assert.True(plan.IsBlocked);
                Assert.Contains(plan.Findings, f => f.Code == expected && f.Severity == Severity.Blocking);
                Assert.Null(plan.Sequences[0].NewValue is { } v && v <= long.MaxValue ? (long?)v : null);
                break;
        }
    }

    [Fact]
    public void A_configuration_beyond_the_size_limit_is_refused_without_reading_it()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Root, "huge.yaml");
        using (var stream = File.Create(path))
        {
            stream.SetLength(ConfigLoader.MaxConfigBytes + 1);
        }

        var error = Assert.Throws<InvalidInputException>(() => ConfigLoader.Load(path, SourceKinds.All));

        Assert.EndsWith("huge.yaml: the configuration file is 16 MB; the limit is 16 MB", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>
/// Randomised mutations of valid inputs (seeded, so any failure reproduces): the readers either
/// accept the result or refuse it with an input error, never crash or hang.
/// </summary>
public class MutationTests
{
    private const int Iterations = 400;
    private static readonly char[] Noise = ['"', '\'', ',', ':', '{', '}', '[', ']', '#', '&', '*', '!', '|', '>', '%', '@', '`', '-', '?', '\n', '\r', '\t', ' ', '\0', '\\', 'é', '\u2028'];

    [Fact]
    public void Mutated_configurations_never_crash_or_hang() =>
        Run(File.ReadAllText(Path.Combine(Repository.Root, "configs", "sample", "cutover.yaml")), "cutover.yaml", 7, (dir, path) =>
        {
            Directory.CreateDirectory(Path.Combine(dir, "export"));
            Environment.SetEnvironmentVariable("CUTOVER_TARGET_CS", "Host=example");
            ConfigLoader.Load(path, SourceKinds.All);
        });

    [Fact]
    public void Mutated_export_files_never_crash_or_hang() =>
        Run(File.ReadAllText(Path.Combine(Repository.Root, "configs", "sample", "export", "sequences.csv")), "sequences.csv", 11,
            (dir, _) => new OracleExportReader(dir, []).Read());

    private static void Run(string original, string fileName, int seed, Action<string, string> read)
    {
        var random = new Random(seed);
        for (var i = 0; i < Iterations; i++)
        {
            var mutated = Mutate(original, random);
            using var directory = new TempDirectory();
            var path = directory.Write(fileName, mutated);
            var attempt = Task.Run(() =>
            {
                try
                {
                    read(directory.Root, path);
                    return null;
                }
                catch (InvalidInputException)
                {
                    return null;
                }
                catch (Exception e)
                {
                    return e;
                }
            });
            Assert.True(attempt.Wait(TimeSpan.FromSeconds(20)), $"iteration {i} (seed {seed}) did not finish:\n{mutated}");
            Assert.True(attempt.Result is null, $"iteration {i} (seed {seed}) threw {attempt.Result}\n--- input ---\n{mutated}");
        }
    }

    private static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && sb.Length > 0; e++)
        {
            var at = random.Next(sb.Length);
            switch (random.Next(6))
            {
                case 0:
                    sb[at] = Noise[random.Next(Noise.Length)];
                    break;
                case 1:
                    sb.Insert(at, Noise[random.Next(Noise.Length)]);
                    break;
                case 2:
                    sb.Remove(at, Math.Min(sb.Length - at, random.Next(1, 40)));
                    break;
                case 3:
                    var start = random.Next(sb.Length);
                    var piece = sb.ToString(start, Math.Min(sb.Length - start, random.Next(1, 80)));
                    sb.Insert(at, piece);
                    break;
                case 4:
                    sb.Length = at;
                    break;
                default:
                    sb.Insert(at, new string('9', random.Next(20, 60)));
                    break;
            }
        }
        return sb.ToString();
    }
}
