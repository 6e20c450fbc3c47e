using Messages.Api.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Messages.Api.Health;

/// <summary>
/// Ready when the database answers a cheap query of the schema table within <see cref="Timeout"/>, so a
/// probe never hangs on a stuck server. Descriptions are fixed texts: never the connection string.
/// </summary>
internal sealed class DatabaseHealthCheck(MessageDatabase database) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var command = database.DataSource.CreateCommand("SELECT MAX(version) FROM schema_migrations");
            command.CommandTimeout = (int)Timeout.TotalSeconds;
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy($"{database.Provider} answers.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database did not answer.", exception);
        }
    }
}
