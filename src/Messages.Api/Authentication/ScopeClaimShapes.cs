using System.Security.Claims;
using Messages.Features.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Messages.Api.Authentication;

/// <summary>
/// Scope claims trusted only in their standard JSON shape. A JSON array expands to claims just as a
/// string does, so the shape is read from the token itself: a scope claim that is not a JSON string
/// (OAuth 2.0), or a permissions claim that is a bare string rather than an array (Auth0 RBAC),
/// grants nothing and is removed from the identity.
/// </summary>
internal static class ScopeClaimShapes
{
    public static void Enforce(JsonWebToken token, ClaimsIdentity identity, ScopeClaimOptions options)
    {
        foreach (var claimType in options.ScopeClaims)
        {
            if (token.TryGetPayloadValue<object>(claimType, out var value) && value is not string)
            {
                RemoveClaims(identity, claimType);
            }
        }

        foreach (var claimType in options.PermissionClaims)
        {
            if (token.TryGetPayloadValue<object>(claimType, out var value) && value is string)
            {
                RemoveClaims(identity, claimType);
            }
        }
    }

    private static void RemoveClaims(ClaimsIdentity identity, string claimType)
    {
        foreach (var claim in identity.Claims.Where(claim => claim.Type == claimType).ToList())
        {
            identity.TryRemoveClaim(claim);
        }
    }
}
