using Messages.Api.Authentication;
using Messages.Api.Logging;
using Microsoft.Extensions.Options;

namespace Messages.Api.DevelopmentIssuer;

public static class DevelopmentIssuerEndpoints
{
    public const string DiscoveryPath = "/.well-known/openid-configuration";
    public const string JwksPath = "/.well-known/jwks.json";

    /// <summary>
    /// In Development without a configured issuer, publishes discovery and JWKS for the development
    /// key, which JwtBearer then fetches over HTTP like any issuer's. Elsewhere maps nothing.
    /// </summary>
    public static WebApplication MapDevelopmentIssuer(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<Auth0Settings>>().Value;
        if (!DevelopmentIssuerSettings.IsActive(app.Environment, settings))
        {
            return app;
        }

        app.MapGet(DiscoveryPath, Discovery).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(JwksPath, Jwks).AllowAnonymous().ExcludeFromDescription();
        app.Lifetime.ApplicationStarted.Register(() =>
            LogEvents.DevelopmentIssuerActive(app.Services.GetRequiredService<ILogger<DevelopmentIssuerSettings>>()));
        return app;
    }

    /// <summary>The discovery document of an issuer whose JWKS is served at <paramref name="baseAddress"/>.</summary>
    public static IResult DiscoveryDocument(string issuer, string baseAddress) => TypedResults.Json(new Dictionary<string, object>
    {
        ["issuer"] = issuer,
        ["jwks_uri"] = baseAddress.TrimEnd('/') + JwksPath,
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
    });

    /// <summary>The JWKS holding the public half of <paramref name="key"/>.</summary>
    public static IResult JwksDocument(DevelopmentSigningKey key) => TypedResults.Json(new { keys = new[] { key.PublicJwk() } });

    private static IResult Discovery(HttpRequest request) =>
        DiscoveryDocument(DevelopmentIssuerSettings.Issuer, $"{request.Scheme}://{request.Host}");

    private static IResult Jwks(DevelopmentSigningKey key) => JwksDocument(key);
}
