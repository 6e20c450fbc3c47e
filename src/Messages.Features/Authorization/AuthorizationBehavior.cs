using Mediator;
using Microsoft.Extensions.Options;

namespace Messages.Features.Authorization;

/// <summary>
/// Enforces the auth attributes of every request before its handler runs. Registered first in the
/// pipeline, so nothing (validation included) tells an unauthenticated caller anything.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser currentUser, IOptions<ScopeClaimOptions> options)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private readonly ScopeClaimOptions _scopeClaims = options.Value;

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var requirement = AuthRequirement.Of<TMessage>();
        switch (requirement.Kind)
        {
            case AuthRequirementKind.Public:
                break;
            case AuthRequirementKind.Authenticated:
                Demand(requirement);
                break;
            default:
                // Fail closed: a request that forgot to declare its caller is a bug, never an open door.
                throw new InvalidOperationException(
                    $"{typeof(TMessage).FullName} must declare [Public], [RequiresAuth] or [RequiresScope], and not [Public] with another.");
        }

        return next(message, cancellationToken);
    }

    private void Demand(AuthRequirement requirement)
    {
        if (!currentUser.IsAuthenticated)
        {
            throw AuthError.Unauthenticated(requirement.RequestName, requirement.Scopes);
        }

        // An indexed loop: enumerating the interface would allocate on every allowed request.
        var scopes = requirement.Scopes;
        for (var i = 0; i < scopes.Count; i++)
        {
            var scope = scopes[i];
            if (!_scopeClaims.Grants(currentUser, scope))
            {
                throw AuthError.Forbidden(requirement.RequestName, requirement.Scopes, currentUser.Subject);
            }
        }
    }
}
