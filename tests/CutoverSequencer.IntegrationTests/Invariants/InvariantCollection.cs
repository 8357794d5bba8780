namespace CutoverSequencer.IntegrationTests.Invariants;

/// <summary>
/// The seeded scenarios on a cluster of their own: the longest tests of the suite, they run beside the
/// other collection rather than after it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InvariantCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "Invariant cluster";
}
