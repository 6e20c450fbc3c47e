using System.Security.Claims;
using Messages.Features.Authorization;

namespace Messages.Api.Authentication;

/// <summary>
/// The caller as JwtBearer validated it. Singleton: it reads the current request's principal
/// through <see cref="IHttpContextAccessor"/> at each call and keeps nothing.
/// </summary>
internal sealed class HttpContextCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsIdentity? Identity =>
        accessor.HttpContext?.User.Identity is ClaimsIdentity { IsAuthenticated: true } identity ? identity : null;

    public bool IsAuthenticated => Identity is not null;

    public string? Subject => GetClaimValues(ClaimNames.Subject) is [var subject, ..] ? subject : null;

    public IReadOnlyList<string> GetClaimValues(string claimType)
    {
        if (Identity is not { } identity)
        {
            return [];
        }

        // A token answered from the cache brings its claim values, read once when it was cached.
        if (accessor.HttpContext?.Features.Get<ValidatedClaims>() is { } validated && ReferenceEquals(validated.Identity, identity))
        {
            return validated.Values(claimType);
        }

        // Claim names in a JWT are case-sensitive; ClaimsIdentity.FindAll is not. Most claim types are
        // absent or occur once, so a list is made only when there is something to return.
        List<string>? values = null;
        foreach (var claim in identity.Claims)
        {
            if (string.Equals(claim.Type, claimType, StringComparison.Ordinal))
            {
                (values ??= []).Add(claim.Value);
            }
        }

        return values ?? (IReadOnlyList<string>)[];
    }
}
