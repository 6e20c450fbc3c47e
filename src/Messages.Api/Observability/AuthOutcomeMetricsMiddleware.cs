using Microsoft.Extensions.Options;

namespace Messages.Api.Observability;

/// <summary>Counts each finished request by route and auth outcome; sits outside the exception handler.</summary>
internal sealed class AuthOutcomeMetricsMiddleware(RequestDelegate next, ApiMetrics metrics, IOptions<ObservabilitySettings> settings)
{
    private readonly ObservabilitySettings _settings = settings.Value;

    public async Task InvokeAsync(HttpContext httpContext)
    {
        try
        {
            await next(httpContext);
        }
        finally
        {
            if (!_settings.IsQuiet(httpContext.Request.Path))
            {
                var denial = httpContext.Features.Get<AuthDenial>();
                metrics.AuthOutcome(RequestFacts.Route(httpContext), RequestFacts.AuthOutcome(httpContext, denial), denial);
            }
        }
    }
}
