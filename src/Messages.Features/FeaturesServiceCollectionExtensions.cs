using FluentValidation;
using Messages.Features.Authorization;
using Messages.Features.Idempotency;
using Messages.Features.MessageBoard;
using Messages.Features.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messages.Features;

public static class FeaturesServiceCollectionExtensions
{
    /// <summary>
    /// The mediator, every slice's handler and validator, and the pipeline. The host must register an
    /// <see cref="ICurrentUser"/>, an <see cref="IMessageStore"/> and an <see cref="IIdempotencyStore"/>, and may configure
    /// <see cref="ScopeClaimOptions"/> and replace the <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddOptions<ScopeClaimOptions>();
        services.TryAddSingleton(TimeProvider.System);
        // Singleton like the behavior that uses them: validators hold rules, never per-request state.
        services.AddValidatorsFromAssemblyContaining<ScopeClaimOptions>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddMediator(options =>
        {
            options.Namespace = "Messages.Features.Mediator";
            options.GenerateTypesAsInternal = true;
            options.Assemblies = [typeof(FeaturesServiceCollectionExtensions)];
            // Singleton: handlers and behaviors hold no per-request state (the caller comes from ICurrentUser).
            options.ServiceLifetime = ServiceLifetime.Singleton;
            // First is outermost: authorization runs before anything else can react to the request,
            // so validation never tells a caller without access what a valid request looks like.
            // Idempotency last: only an authorized, valid request takes a key or replays an answer.
            options.PipelineBehaviors = [typeof(AuthorizationBehavior<,>), typeof(ValidationBehavior<,>), typeof(IdempotencyBehavior<,>)];
        });
        return services;
    }
}
