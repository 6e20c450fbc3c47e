using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Storage;

/// <summary>The storage scenarios on a SQLite file, the embedded default.</summary>
public sealed class SqliteStorageTests
{
    [Fact]
    public Task Restart_SameDatabase_MessagesSurvive() => StorageScenarios.MessagesSurviveRestartAsync(TestDatabase.Sqlite);

    [Fact]
    public Task Create_200InParallel_AllStoredAndCountedBack() => StorageScenarios.ParallelCreatesAreAllStoredAsync(TestDatabase.Sqlite);

    [Fact]
    public Task TwoInstances_StartingTogether_ShareMessages() => StorageScenarios.InstancesStartingTogetherShareOneDatabaseAsync(TestDatabase.Sqlite);
}
