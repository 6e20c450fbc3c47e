using Messages.Api.Logging;

namespace Messages.Api.Storage;

/// <summary>Migrates the database at start-up; the server listens only once it succeeded, and a failure stops start-up.</summary>
internal sealed class SchemaMigrationService(MessageDatabase database, ILogger<SchemaMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var version = await SchemaMigrator.MigrateAsync(database, cancellationToken);
        LogEvents.StorageReady(logger, database.Provider.ToString(), version);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
