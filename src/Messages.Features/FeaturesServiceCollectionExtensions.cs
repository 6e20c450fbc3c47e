using Messages.Features.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Messages.Features;

public static class FeaturesServiceCollectionExtensions
{
    /// <summary>
    /// The mediator, every slice's handler, and the pipeline. The host must register an
    /// <see cref="ICurrentUser"/> and may configure <see cref="ScopeClaimOptions"/>.
    /// </summary>
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddOptions<ScopeClaimOptions>();
        services.AddMediator(options =>
        {
            options.Namespace = "Messages.Features.Mediator";
            options.GenerateTypesAsInternal = true;
            options.Assemblies = [typeof(FeaturesServiceCollectionExtensions)];
            // Singleton: handlers and behaviors hold no per-request state (the caller comes from ICurrentUser).
            options.ServiceLifetime = ServiceLifetime.Singleton;
            // First is outermost: authorization runs before anything else can react to the request.
            options.PipelineBehaviors = [typeof(AuthorizationBehavior<,>)];
        });
        return services;
    }
}
