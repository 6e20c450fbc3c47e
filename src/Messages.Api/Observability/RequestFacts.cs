using System.Security.Claims;
using Messages.Api.Authentication;
using Microsoft.AspNetCore.Diagnostics;

namespace Messages.Api.Observability;

/// <summary>The facts dashboards group by, read from a finished request. Never from a rejected token.</summary>
internal static class RequestFacts
{
    public const string Anonymous = "anonymous";
    public const string Authenticated = "authenticated";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string Unavailable = "unavailable";

    /// <summary>The route when no endpoint matched (unknown paths, 404).</summary>
    public const string NoRoute = "(none)";

    private const string AuthorizedParty = "azp";
    private const string ClientIdClaim = "client_id";
    private const string OktaClientIdClaim = "cid";
    private const string SubjectClaim = "sub";

    /// <summary>The route template, e.g. <c>/api/private</c>: never the raw path, which may carry identifiers.</summary>
    public static string Route(HttpContext httpContext) =>
        (Endpoint(httpContext) as RouteEndpoint)?.RoutePattern.RawText ?? NoRoute;

    /// <summary>
    /// The mediator request name. Each slice names its endpoint after itself (<c>WithName(nameof(Slice))</c>),
    /// the same name <c>AuthRequirement</c> gives the request; null for endpoints outside the pipeline.
    /// </summary>
    public static string? RequestName(HttpContext httpContext) =>
        Endpoint(httpContext)?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;

    public static string AuthOutcome(HttpContext httpContext, AuthDenial? denial) =>
        denial?.Outcome ?? (ValidatedUser(httpContext) is null ? Anonymous : Authenticated);

    /// <summary>The client the token was issued to: <c>azp</c> (Auth0, Entra ID, Keycloak), else <c>client_id</c> (RFC 9068, Cognito), else <c>cid</c> (Okta).</summary>
    public static string? ClientId(HttpContext httpContext) => ClientIdOf(CallerClaims.Of(httpContext));

    /// <summary>The caller's subject (<c>sub</c>) and <see cref="ClientId"/>, the validated identity looked up once.</summary>
    public static (string? Subject, string? ClientId) Caller(HttpContext httpContext)
    {
        var caller = CallerClaims.Of(httpContext);
        return (caller.First(SubjectClaim), ClientIdOf(caller));
    }

    private static string? ClientIdOf(CallerClaims caller) =>
        caller.First(AuthorizedParty) ?? caller.First(ClientIdClaim) ?? caller.First(OktaClientIdClaim);

    // The exception handler clears the endpoint before a denial (an AuthError) is written; it keeps it in its feature.
    private static Endpoint? Endpoint(HttpContext httpContext) =>
        httpContext.GetEndpoint() ?? httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;

    // Only a token that JwtBearer validated yields an authenticated identity: a rejected token's claims are never read.
    private static ClaimsIdentity? ValidatedUser(HttpContext httpContext) =>
        httpContext.User.Identity is ClaimsIdentity { IsAuthenticated: true } identity ? identity : null;

    // JWT claim names are case-sensitive; ClaimsIdentity.FindFirst is not. A token answered from the
    // validated-token cache brings its claim values already grouped by type.
    private readonly struct CallerClaims(ClaimsIdentity? identity, ValidatedClaims? validated)
    {
        public static CallerClaims Of(HttpContext httpContext)
        {
            var identity = ValidatedUser(httpContext);
            var validated = identity is null ? null : httpContext.Features.Get<ValidatedClaims>();
            return new(identity, validated is not null && ReferenceEquals(validated.Identity, identity) ? validated : null);
        }

        public string? First(string claimType)
        {
            if (validated is not null)
            {
                var values = validated.Values(claimType);
                return values.Count > 0 ? values[0] : null;
            }

            foreach (var claim in identity?.Claims ?? [])
            {
                if (string.Equals(claim.Type, claimType, StringComparison.Ordinal))
                {
                    return claim.Value;
                }
            }

            return null;
        }
    }
}
