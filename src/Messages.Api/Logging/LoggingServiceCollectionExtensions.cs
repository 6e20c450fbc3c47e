using System.Reflection;
using Messages.Api.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Extensions.Hosting;
using Serilog.Settings.Configuration;

namespace Messages.Api.Logging;

public static class LoggingServiceCollectionExtensions
{
    /// <summary>
    /// The assemblies whose sinks, enrichers and formatters the "Serilog" section can name: the API's own,
    /// Serilog's console and file sinks, and those it lists under "Using". Named here, so that Serilog
    /// does not read the application's dependency manifest to look for them at start-up, which loads
    /// every Serilog package the API references and the metadata readers that find them (about 1.5 MB).
    /// Serilog reads "Using" only when it searches itself, so it is read here.
    /// </summary>
    private static ConfigurationReaderOptions ConfigurationAssemblies(IConfiguration configuration)
    {
        var assemblies = new List<Assembly>
        {
            typeof(LoggingServiceCollectionExtensions).Assembly,
            typeof(ConsoleLoggerConfigurationExtensions).Assembly,
            typeof(FileLoggerConfigurationExtensions).Assembly,
        };
        foreach (var name in configuration.GetSection("Serilog:Using").GetChildren().Select(item => item.Value))
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                assemblies.Add(Assembly.Load(new AssemblyName(name)));
            }
        }

        return new ConfigurationReaderOptions([.. assemblies.Distinct()]);
    }

    /// <summary>Serilog from the "Serilog" configuration section, plus any sink registered in DI.</summary>
    public static IServiceCollection AddApiLogging(this IServiceCollection services)
    {
        // preserveStaticLogger: each host gets its own logger and the static bootstrap logger is never
        // frozen, so several hosts in one process (as in tests) cannot collide over it.
        services.AddSerilog(
            (provider, logger) =>
            {
                var configuration = provider.GetRequiredService<IConfiguration>();
                logger.ReadFrom.Configuration(configuration, ConfigurationAssemblies(configuration))
                    .ReadFrom.Services(provider)
                    .Enrich.FromLogContext()
                    .Enrich.With<RawPathRemover>();
            },
            preserveStaticLogger: true);

        // Serilog's factory, one logger per category (see CachingLoggerFactory).
        var serilogFactory = services.Last(descriptor => descriptor.ServiceType == typeof(ILoggerFactory));
        var createSerilogFactory = serilogFactory.ImplementationFactory
            ?? throw new InvalidOperationException("Serilog registers its ILoggerFactory with a factory method.");
        services.Remove(serilogFactory);
        services.AddSingleton<ILoggerFactory>(provider => new CachingLoggerFactory((ILoggerFactory)createSerilogFactory(provider)));

        // Serilog's diagnostic context feeds only its own request logging middleware, which the API does
        // not use (RequestCompletionMiddleware): unregistered, so that code asking for it fails at once
        // rather than setting fields that no event would carry.
        services.RemoveAll<IDiagnosticContext>();
        services.RemoveAll<DiagnosticContext>();

        // Made after the logger, so disposed before it at shutdown: its last events reach the sinks.
        services.AddSingleton<RequestEventWriter>();
        return services;
    }

    /// <summary>One completion event per request (RequestCompleted), written by the host's own logger.</summary>
    public static IApplicationBuilder UseApiRequestLogging(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<IOptions<ObservabilitySettings>>().Value;
        return app.UseMiddleware<RequestCompletionMiddleware>(settings);
    }
}
