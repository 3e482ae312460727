namespace AwsTempCredentials.Tests.Scale;

/// <summary>Load tests run alone, after the parallel tests: a burst of processes must not compete with other tests for the cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadTests
{
    public const string Name = "Load tests, run alone";
}
