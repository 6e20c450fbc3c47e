using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect issuer on a loopback port: discovery and JWKS over HTTP, and an RSA key made
/// at test time. The API under test fetches its keys from here, so the real JwtBearer path runs.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "https://quickstarts/api";
    public const string KeyId = "test-key-1";

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);

    private TestIssuer(WebApplication app)
    {
        _app = app;
        SigningKey = new RsaSecurityKey(_rsa) { KeyId = KeyId };
        app.MapGet("/.well-known/openid-configuration", Discovery);
        app.MapGet("/.well-known/jwks.json", Jwks);
    }

    /// <summary>The issuer URL, with its trailing slash, as in Auth0.</summary>
    public string Issuer { get; private set; } = string.Empty;

    public RsaSecurityKey SigningKey { get; }

    /// <summary>The public key as PEM text: what an HS256 key-confusion attack would use as its secret.</summary>
    public string PublicKeyPem => _rsa.ExportSubjectPublicKeyInfoPem();

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var issuer = new TestIssuer(builder.Build());
        await issuer._app.StartAsync();
        issuer.Issuer = issuer._app.Urls.Single().TrimEnd('/') + "/";
        return issuer;
    }

    public string CreateToken(TokenSpec? spec = null)
    {
        spec ??= new TokenSpec();
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = spec.Subject };
        if (spec.Scope is not null)
        {
            claims["scope"] = spec.Scope;
        }

        if (spec.Permissions is not null)
        {
            claims["permissions"] = spec.Permissions;
        }

        foreach (var (name, value) in spec.Claims)
        {
            claims[name] = value;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer ?? Issuer,
            Audience = spec.Audience,
            IssuedAt = now + spec.NotBefore,
            NotBefore = now + spec.NotBefore,
            Expires = spec.Lifetime is { } lifetime ? now + spec.NotBefore + lifetime : null,
            Claims = claims,
            SigningCredentials = new SigningCredentials(spec.Key ?? SigningKey, spec.Algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token whose header and signature the test writes by hand (alg none, HS256...).</summary>
    public string CreateUnsignedToken(object header, TokenSpec? spec = null, Func<byte[], byte[]>? sign = null)
    {
        var valid = CreateToken(spec).Split('.');
        var signingInput = $"{Encode(header)}.{valid[1]}";
        var signature = sign is null ? string.Empty : Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(signingInput)));
        return $"{signingInput}.{signature}";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }

    private static string Encode(object value) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(value));

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = Issuer + ".well-known/jwks.json",
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
    });

    private IResult Jwks()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        var key = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        return Results.Json(new { keys = new[] { key } });
    }
}

/// <summary>What a test token says; the defaults make a valid token without scopes.</summary>
public sealed record TokenSpec
{
    public string Subject { get; init; } = "auth0|alice";

    public string? Scope { get; init; }

    public string[]? Permissions { get; init; }

    public string? Issuer { get; init; }

    public string? Audience { get; init; } = TestIssuer.Audience;

    public TimeSpan NotBefore { get; init; } = TimeSpan.Zero;

    /// <summary>Null for a token without <c>exp</c>.</summary>
    public TimeSpan? Lifetime { get; init; } = TimeSpan.FromHours(1);

    public SecurityKey? Key { get; init; }

    public string Algorithm { get; init; } = SecurityAlgorithms.RsaSha256;

    public IReadOnlyDictionary<string, object> Claims { get; init; } = new Dictionary<string, object>();
}
