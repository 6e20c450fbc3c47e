using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Messages.Features.Authorization;

public static class EndpointAuthorizationExtensions
{
    /// <summary>
    /// Marks the endpoint as sending <typeparamref name="TRequest"/>: its <see cref="AuthRequirement"/>
    /// becomes endpoint metadata, and the 401/403 problem responses it can give are declared from the
    /// same attributes, so the API description never disagrees with the behavior.
    /// </summary>
    public static RouteHandlerBuilder ForRequest<TRequest>(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var requirement = AuthRequirement.Of<TRequest>();
        builder.WithMetadata(requirement);
        if (requirement.Kind == AuthRequirementKind.Authenticated)
        {
            builder.ProducesProblem(StatusCodes.Status401Unauthorized);
        }

        if (requirement.Scopes.Count > 0)
        {
            builder.ProducesProblem(StatusCodes.Status403Forbidden);
        }

        return builder;
    }
}
