using CutoverSequencer.PostgreSql;

namespace CutoverSequencer.IntegrationTests;

/// <summary>Two real clusters: an old primary or publisher, and the new target.</summary>
public sealed class TwoClusters : IAsyncLifetime
{
    public PostgresCluster Source { get; } = new();

    public PostgresCluster Target { get; } = new();

    public Task InitializeAsync() => Task.WhenAll(Source.InitializeAsync(), Target.InitializeAsync());

    public Task DisposeAsync() => Task.WhenAll(Source.DisposeAsync(), Target.DisposeAsync());
}

[CollectionDefinition(Name)]
public sealed class TwoClustersCollection : ICollectionFixture<TwoClusters>
{
    public const string Name = "Two PostgreSQL clusters";
}
