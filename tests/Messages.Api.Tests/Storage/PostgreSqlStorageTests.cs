using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Storage;

/// <summary>The storage scenarios on a real PostgreSQL server (bash .ci/run starts one on loopback).</summary>
public sealed class PostgreSqlStorageTests
{
    [PostgreSqlFact]
    public Task Restart_SameDatabase_MessagesSurvive() => StorageScenarios.MessagesSurviveRestartAsync(TestDatabase.PostgreSql);

    [PostgreSqlFact]
    public Task Create_200InParallel_AllStoredAndCountedBack() => StorageScenarios.ParallelCreatesAreAllStoredAsync(TestDatabase.PostgreSql);

    [PostgreSqlFact]
    public Task TwoInstances_StartingTogether_ShareMessages() => StorageScenarios.InstancesStartingTogetherShareOneDatabaseAsync(TestDatabase.PostgreSql);
}
