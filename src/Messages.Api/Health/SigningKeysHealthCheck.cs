using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Messages.Api.Health;

/// <summary>
/// Ready when JwtBearer can obtain the issuer's signing keys, through the same configuration manager
/// (and cache) that validates tokens. Descriptions are fixed texts.
/// </summary>
internal sealed class SigningKeysHealthCheck(IOptionsMonitor<JwtBearerOptions> jwtBearer) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var manager = jwtBearer.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager;
        if (manager is null)
        {
            return HealthCheckResult.Unhealthy("No token issuer is configured.");
        }

        try
        {
            var configuration = await manager.GetConfigurationAsync(cancellationToken);
            return configuration.SigningKeys.Count > 0
                ? HealthCheckResult.Healthy($"{configuration.SigningKeys.Count} signing key(s) from the issuer.")
                : HealthCheckResult.Unhealthy("The issuer publishes no signing keys.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The issuer's signing keys could not be fetched.", exception);
        }
    }
}
