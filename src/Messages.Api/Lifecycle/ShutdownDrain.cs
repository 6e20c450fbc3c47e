using Messages.Api.Logging;
using Microsoft.Extensions.Options;

namespace Messages.Api.Lifecycle;

/// <summary>
/// The first step of a stop. The host has already signalled ApplicationStopping (readiness now answers
/// 503); this waits <see cref="ShutdownSettings.DrainDelay"/> before the hosted services stop, Kestrel
/// among them, which then refuses new connections and waits for the requests in flight.
/// </summary>
internal sealed class ShutdownDrain(IOptions<ShutdownSettings> settings, TimeProvider time, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var drainDelay = settings.Value.DrainDelay;
        LogEvents.ShutdownStarted(logger, drainDelay.TotalSeconds, settings.Value.Timeout.TotalSeconds);
        if (drainDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(drainDelay, time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
