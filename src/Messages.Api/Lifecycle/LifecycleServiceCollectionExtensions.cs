using Microsoft.Extensions.Options;

namespace Messages.Api.Lifecycle;

public static class LifecycleServiceCollectionExtensions
{
    /// <summary>
    /// Graceful shutdown on SIGTERM: readiness turns unhealthy at once, new connections are taken for
    /// <c>Shutdown:DrainDelay</c> more, then refused while the requests in flight finish, all within
    /// <c>Shutdown:Timeout</c> (the host's ShutdownTimeout); the process then exits 0.
    /// </summary>
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services)
    {
        services.AddOptions<ShutdownSettings>().BindConfiguration(ShutdownSettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownSettings>, ShutdownSettingsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownSettings>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Timeout);
        services.AddHostedService<ShutdownDrain>();
        return services;
    }
}
