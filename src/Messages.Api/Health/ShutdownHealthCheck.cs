using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Messages.Api.Health;

/// <summary>Not ready from the moment shutdown starts, so a load balancer stops sending new requests here.</summary>
internal sealed class ShutdownHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("The instance is shutting down.")
            : HealthCheckResult.Healthy("Taking requests."));
}
