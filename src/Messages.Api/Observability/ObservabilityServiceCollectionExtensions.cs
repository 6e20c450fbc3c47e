using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Messages.Api.Observability;

public static class ObservabilityServiceCollectionExtensions
{
    private const string AspNetCoreHostingMeter = "Microsoft.AspNetCore.Hosting";

    /// <summary>
    /// OpenTelemetry metrics: ASP.NET Core's request duration by route and status, and the API's own meter
    /// (auth outcomes, JWKS refreshes). Read by Prometheus at /metrics and, when enabled, pushed over OTLP.
    /// Call after AddApiAuthentication: the JWKS counter wraps whatever backchannel handler is set by then.
    /// </summary>
    public static IServiceCollection AddApiObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ObservabilitySettings>().BindConfiguration(ObservabilitySettings.SectionName);
        services.AddSingleton<ApiMetrics>();

        // Exporters are chosen while services are registered, so OtlpEnabled is read from configuration here.
        var settings = configuration.GetSection(ObservabilitySettings.SectionName).Get<ObservabilitySettings>() ?? new();
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(ApiMetrics.MeterName, AspNetCoreHostingMeter);
            // Always collected, served only when PrometheusEnabled (see MapApiMetrics); no cache, so a scrape is current.
            metrics.AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
            if (settings.OtlpEnabled)
            {
                metrics.AddOtlpExporter();
            }
        });

        // Meters are matched by name process-wide: keep only this host's own (from its IMeterFactory),
        // so another host in the same process (as in tests) can neither add to nor end these streams.
        services.ConfigureOpenTelemetryMeterProvider((provider, metrics) =>
        {
            var meterFactory = provider.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, meterFactory)
                ? null
                : MetricStreamConfiguration.Drop);
        });

        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<ApiMetrics, ILogger<JwksFetchMetricsHandler>>((options, metrics, logger) =>
                options.BackchannelHttpHandler = new JwksFetchMetricsHandler(metrics, logger)
                {
                    InnerHandler = options.BackchannelHttpHandler ?? new HttpClientHandler(),
                });
        return services;
    }

    /// <summary>Counts auth outcomes per request. Place it next to request logging, outside the exception handler.</summary>
    public static IApplicationBuilder UseAuthOutcomeMetrics(this IApplicationBuilder app) =>
        app.UseMiddleware<AuthOutcomeMetricsMiddleware>();

    /// <summary>
    /// <c>/metrics</c> in Prometheus text format, when enabled. Open to anonymous scrapers, like most
    /// /metrics endpoints: restrict it at the ingress, or turn it off and use OTLP.
    /// </summary>
    public static IEndpointRouteBuilder MapApiMetrics(this IEndpointRouteBuilder endpoints)
    {
        var settings = endpoints.ServiceProvider.GetRequiredService<IOptions<ObservabilitySettings>>().Value;
        if (settings.PrometheusEnabled)
        {
            endpoints.MapPrometheusScrapingEndpoint().AllowAnonymous();
        }

        return endpoints;
    }
}
