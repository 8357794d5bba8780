using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace CutoverSequencer.IntegrationTests.Invariants;

/// <summary>
/// Seeded scenarios against the independent oracle. Default: the fixed CI seed set (1..60, families known to
/// fail because of open product bugs left out, see <see cref="KnownFailing"/>). Environment:
/// CUTOVER_INVARIANT_SEED=N replays one seed; CUTOVER_INVARIANT_SEEDS=N runs N seeds from
/// CUTOVER_INVARIANT_FIRST_SEED (default 1); CUTOVER_INVARIANT_ALL=1 lets the known-failing families in;
/// CUTOVER_INVARIANT_PARALLEL (default 2) seeds at once.
/// </summary>
[Collection(InvariantCollection.Name)]
public sealed class InvariantTests(PostgresCluster postgres, ITestOutputHelper output)
{
    public const int CiSeeds = 50;

    /// <summary>
    /// KNOWN-FAILING FAMILIES: left out of the CI seed set until the product bug named is fixed. Remove a
    /// family from this list (and its skipped test below) when its fix lands.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> KnownFailing = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private static int EnvInt(string name, int fallback) => Env(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    internal static bool IncludeKnownFailing => Env("CUTOVER_INVARIANT_ALL") == "1";

    /// <summary>CI: every known-failing family left out; forced: that one in, the other known-failing ones out; ALL: everything.</summary>
    internal static GeneratorOptions Options(string? forced = null) => IncludeKnownFailing
        ? new GeneratorOptions(new HashSet<string>(StringComparer.Ordinal), forced)
        : new GeneratorOptions(new HashSet<string>(KnownFailing.Keys.Where(k => k != forced), StringComparer.Ordinal), forced);

    internal static string Replay(int seed, string? forced = null) =>
        $"CUTOVER_INVARIANT_SEED={seed}{(IncludeKnownFailing ? " CUTOVER_INVARIANT_ALL=1" : "")}{(forced is null ? "" : $" CUTOVER_INVARIANT_FORCE={forced}")} dotnet test tests/CutoverSequencer.IntegrationTests -c Release --filter \"FullyQualifiedName~Invariants.InvariantTests.Seeded\"";

    [PostgresFact]
    public async Task Seeded_scenarios_hold_every_invariant()
    {
        IReadOnlyList<int> seeds = Env("CUTOVER_INVARIANT_SEED") is { } one
            ? [.. one.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]
            : [.. Enumerable.Range(EnvInt("CUTOVER_INVARIANT_FIRST_SEED", 1), EnvInt("CUTOVER_INVARIANT_SEEDS", CiSeeds))];
        var forced = Env("CUTOVER_INVARIANT_FORCE");
        await RunSeedsAsync(seeds, Options(forced), forced);
    }

    // Families that once found product bugs (now fixed): each runs CUTOVER_INVARIANT_FORCED_SEEDS seeds (default
    // 10) with the family forced in.

    [PostgresFact]
    public Task Configured_identity_tables_keep_the_oracle_value() => ForcedAsync(ScenarioGenerator.IdentitySourceConfigured);

    [PostgresFact]
    public Task Every_table_a_sequence_feeds_counts_listed_or_not() => ForcedAsync(ScenarioGenerator.SharedPartlyListed);

    [PostgresFact]
    public Task Non_finite_keys_block_with_a_finding() => ForcedAsync(ScenarioGenerator.NaNKey);

    [PostgresFact]
    public Task A_hostile_search_path_changes_nothing() => ForcedAsync(ScenarioGenerator.SearchPathShadow);

    private Task ForcedAsync(string family) =>
        RunSeedsAsync([.. Enumerable.Range(1, EnvInt("CUTOVER_INVARIANT_FORCED_SEEDS", 10))], Options(family), family);

    private async Task RunSeedsAsync(IReadOnlyList<int> seeds, GeneratorOptions options, string? forced)
    {
        var failures = new ConcurrentBag<SeedResult>();
        var families = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var done = 0;
        await Parallel.ForEachAsync(seeds, new ParallelOptions { MaxDegreeOfParallelism = EnvInt("CUTOVER_INVARIANT_PARALLEL", 2) }, async (seed, _) =>
        {
            var result = await InvariantRun.RunAsync(postgres, seed, options);
            foreach (var family in result.Scenario.Families)
            {
                families.AddOrUpdate(family, 1, (_, n) => n + 1);
            }
            if (!result.Passed)
            {
                failures.Add(result);
                await File.AppendAllTextAsync(Path.Combine(InvariantRun.KeepRoot, "failures.txt"), result.Render(Replay(seed, forced)) + "\n", CancellationToken.None);
            }
            var count = Interlocked.Increment(ref done);
            if (seeds.Count > CiSeeds && count % 50 == 0)
            {
                Console.Error.WriteLine($"invariants: {count}/{seeds.Count} seeds, {failures.Count} failing, {clock.Elapsed:hh\\:mm\\:ss}");
            }
        });
        var summary = new StringBuilder();
        summary.AppendLine(CultureInfo.InvariantCulture, $"{seeds.Count} seeds in {clock.Elapsed.TotalSeconds:F0} s, {failures.Count} failing");
        summary.AppendLine("families planted (seeds): " + string.Join(", ", families.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}")));
        output.WriteLine(summary.ToString());
        if (!failures.IsEmpty)
        {
            var text = new StringBuilder(summary.ToString());
            foreach (var failure in failures.OrderBy(f => f.Seed))
            {
                text.AppendLine(failure.Render(Replay(failure.Seed, forced)));
            }
            Assert.Fail(text.ToString());
        }
    }
}
