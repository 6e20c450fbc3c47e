using Messages.Api.Health;
using Serilog;
using Serilog.Events;

namespace Messages.Api.Logging;

public static class LoggingServiceCollectionExtensions
{
    /// <summary>Serilog from the "Serilog" configuration section, plus any sink registered in DI.</summary>
    public static IServiceCollection AddApiLogging(this IServiceCollection services) =>
        // preserveStaticLogger: each host gets its own logger and the static bootstrap logger is never
        // frozen, so several hosts in one process (as in tests) cannot collide over it.
        services.AddSerilog(
            (provider, logger) => logger
                .ReadFrom.Configuration(provider.GetRequiredService<IConfiguration>())
                .ReadFrom.Services(provider)
                .Enrich.FromLogContext(),
            preserveStaticLogger: true);

    /// <summary>One completion event per request, written by the host's own logger; probes at Verbose.</summary>
    public static IApplicationBuilder UseApiRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            // Probes stay out of the request log (an unhealthy check reports itself); 5xx are errors.
            options.GetLevel = (httpContext, _, exception) =>
                HealthServiceCollectionExtensions.IsHealthPath(httpContext.Request.Path) ? LogEventLevel.Verbose
                : exception is not null || httpContext.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
                : LogEventLevel.Information;
        });
}
