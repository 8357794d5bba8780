namespace CutoverSequencer.IntegrationTests;

/// <summary>verify --nodes: the future key streams of multi-master nodes, proven on real clusters.</summary>
[Collection(TwoClustersCollection.Name)]
public sealed class NodeProofTests(TwoClusters clusters) : IDisposable
{
    private const string Schema = """
        CREATE TABLE users (id bigserial PRIMARY KEY, name text);
        INSERT INTO users (id, name) SELECT g, 'copied' FROM generate_series(1, 500) g;
        """;

    private readonly TempDirectory workspace = new();

    public void Dispose() => workspace.Dispose();

    private string Reports(string name) => Path.Combine(workspace.Root, name);

    private string Node(string name, string cs, string interleave) => workspace.Write($"{name}.yaml", $"""
        source:
          kind: none
        target:
          connectionString: "{cs}"
        sequenceAdvancement:
          discover: true
          safetyMargin: 1000
        {interleave}
        """);

    /// <summary>Nodes on both clusters (the third in a second database of the first), each applied as told.</summary>
    private async Task<List<string>> NodesAsync(params string[] interleaves)
    {
        var configs = new List<string>();
        for (var i = 0; i < interleaves.Length; i++)
        {
            var cluster = i % 2 == 0 ? clusters.Source : clusters.Target;
            var cs = await cluster.NewDatabaseAsync(Schema);
            var config = Node($"node{i + 1}", cs, interleaves[i]);
            var apply = await Cli.RunAsync(null, "apply", "--config", config, "--report-dir", Reports($"apply{i + 1}"));
            Assert.True(apply.ExitCode == 0, apply.Stdout + apply.Stderr);
            configs.Add(config);
        }
        return configs;
    }

    private static System.Text.Json.JsonElement Proof(string directory) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "nodes-proof.json"))).RootElement;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Interleaved_nodes_are_proven_never_to_issue_the_same_key(int count)
    {
        var configs = await NodesAsync([.. Enumerable.Range(1, count)
            .Select(n => $"  interleave: {{ nodes: {count}, node: {n} }}")]);

        var result = await Cli.RunAsync(null, ["verify", "--nodes", .. configs, "--report-dir", Reports("proof")]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var proof = Proof(Reports("proof"));
        Assert.Equal("proven", proof.GetProperty("status").GetString());
        var streams = proof.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(count, streams.Count);
        Assert.All(streams, s => Assert.Equal(count, s.GetProperty("increment").GetInt64()));
        Assert.Equal(count, streams.Select(s => long.Parse(s.GetProperty("nextValue").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture) % count).Distinct().Count());
        Assert.Contains("cannot meet", result.Stdout, StringComparison.Ordinal);
        for (var i = 1; i <= count; i++)
        {
            Assert.True(File.Exists(Path.Combine(Reports("proof"), $"node{i}", "cutover-report.json")));
        }
    }

    [Fact]
    public async Task Two_nodes_on_the_same_residue_are_refused_naming_both_and_the_sequence()
    {
        var configs = await NodesAsync("  interleave: { nodes: 3, node: 1 }", "  interleave: { nodes: 3, node: 1 }",
            "  interleave: { nodes: 3, node: 2 }");

        var result = await Cli.RunAsync(null, ["verify", "--nodes", .. configs, "--report-dir", Reports("proof")]);

        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr);
        var finding = Assert.Single(Proof(Reports("proof")).GetProperty("findings").EnumerateArray());
        Assert.Equal("NODE_STREAMS_OVERLAP", finding.GetProperty("code").GetString());
        Assert.Equal("public.users_id_seq", finding.GetProperty("object").GetString());
        Assert.Contains("nodes node1 (next value", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("and node2 (next value", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nodes_that_were_never_interleaved_are_refused()
    {
        var configs = await NodesAsync("", "");

        var result = await Cli.RunAsync(null, ["verify", "--nodes", .. configs, "--report-dir", Reports("proof")]);

        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr);
        Assert.Equal("not-proven", Proof(Reports("proof")).GetProperty("status").GetString());
        Assert.Contains("fewer than the 2 nodes", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_whose_next_value_is_below_a_key_on_another_node_is_refused()
    {
        var configs = await NodesAsync("  interleave: { nodes: 2, node: 1 }", "  interleave: { nodes: 2, node: 2 }");
        var second = File.ReadAllText(configs[1]).Split('"')[1];
        await PostgresCluster.ExecuteAsync(second, "INSERT INTO users (id, name) VALUES (1000000, 'replayed')");

        var result = await Cli.RunAsync(null, ["verify", "--nodes", .. configs, "--report-dir", Reports("proof")]);

        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr);
        Assert.Contains("node node1's next value", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("is not past key 1,000,000 present on node node2", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_needs_either_a_config_or_two_nodes()
    {
        var none = await Cli.RunAsync(null, "verify");
        var one = await Cli.RunAsync(null, "verify", "--nodes", Node("solo", "Host=x", ""));

        Assert.Equal(2, none.ExitCode);
        Assert.Equal(2, one.ExitCode);
        Assert.Contains("at least two nodes", one.Stderr, StringComparison.Ordinal);
    }
}
