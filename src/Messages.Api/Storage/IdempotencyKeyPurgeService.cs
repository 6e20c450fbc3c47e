using System.Data.Common;
using Messages.Api.Logging;
using Microsoft.Extensions.Options;

namespace Messages.Api.Storage;

/// <summary>
/// Deletes expired idempotency keys every <see cref="IdempotencySettings.PurgeInterval"/>. Every instance
/// runs it; a DELETE of rows already gone costs nothing. Expired rows are ignored by claims anyway, so
/// a failed purge only leaves rows for the next one.
/// </summary>
internal sealed class IdempotencyKeyPurgeService(
    SqlIdempotencyStore store, IOptions<IdempotencySettings> settings, TimeProvider time, ILogger<IdempotencyKeyPurgeService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Value.PurgeInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    LogEvents.IdempotencyKeysPurged(logger, await store.PurgeExpiredAsync(stoppingToken));
                }
                catch (DbException exception)
                {
                    LogEvents.IdempotencyKeysPurgeFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
