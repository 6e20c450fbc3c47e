using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>How the issuer misbehaves, for outage tests.</summary>
public enum IssuerOutage
{
    /// <summary>Serves discovery and JWKS.</summary>
    None,

    /// <summary>Answers every request with 500.</summary>
    Failing,

    /// <summary>Accepts every request and never answers it (until the outage ends).</summary>
    Hanging,

    /// <summary>Stops listening: connections are refused. Ending the outage listens again on the same port.</summary>
    Refusing,
}

/// <summary>
/// A real OpenID Connect issuer on a loopback port: discovery and JWKS over HTTP, and RSA keys made
/// at test time. The API under test fetches its keys from here, so the real JwtBearer path runs.
/// Keys can be added and removed (rotation), outages switched on and off, and every fetch is counted.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "https://quickstarts/api";
    public const string KeyId = "test-key-1";
    public const string JwksPath = "/.well-known/jwks.json";

    /// <summary>Serves <see cref="AttackerKey"/>: what a jku or x5u header points at, and must never be fetched.</summary>
    public const string AttackerJwksPath = "/attacker/jwks.json";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, (RsaSecurityKey Key, string? Algorithm)> _keys = new();
    private readonly ConcurrentDictionary<string, int> _fetches = new();
    private readonly List<RSA> _created = [];
    private WebApplication? _app;
    private CancellationTokenSource _hangingRelease = new();
    private int _port;
    private string _basePath = string.Empty;
    private int _disposed;

    private TestIssuer()
    {
        SigningKey = new RsaSecurityKey(_rsa) { KeyId = KeyId };
        _keys[KeyId] = (SigningKey, "RS256");
        AttackerKey = NewKey("attacker-key");
    }

    /// <summary>The issuer URL, with its trailing slash, as in Auth0.</summary>
    public string Issuer { get; private set; } = string.Empty;

    public RsaSecurityKey SigningKey { get; }

    /// <summary>A key the issuer never publishes in its own JWKS.</summary>
    public RsaSecurityKey AttackerKey { get; }

    public IssuerOutage Outage { get; private set; }

    /// <summary>The public key as PEM text: what an HS256 key-confusion attack would use as its secret.</summary>
    public string PublicKeyPem => _rsa.ExportSubjectPublicKeyInfoPem();

    public int JwksFetches => Fetches(JwksPath);

    /// <summary>
    /// Starts an issuer whose URL has <paramref name="path"/> after its origin: <c>/</c> as in Auth0, or a
    /// path without trailing slash as in Okta (<c>/oauth2/default</c>), Entra ID or Keycloak. Its
    /// documents are served below that path, where discovery (RFC 8414 as OIDC places it) looks for them.
    /// </summary>
    public static async Task<TestIssuer> StartAsync(string path = "/")
    {
        var issuer = new TestIssuer { _basePath = path.TrimEnd('/') };
        await issuer.ListenAsync();
        issuer.Issuer = $"http://127.0.0.1:{issuer._port}{path}";
        return issuer;
    }

    /// <summary>How many requests reached <paramref name="path"/>, outages included.</summary>
    public int Fetches(string path) => _fetches.GetValueOrDefault(path);

    /// <summary>Publishes a new signing key in the JWKS (key rotation) and returns it for signing tokens.</summary>
    public RsaSecurityKey AddKey(string keyId, string? algorithm = "RS256")
    {
        var key = NewKey(keyId);
        _keys[keyId] = (key, algorithm);
        return key;
    }

    public void RemoveKey(string keyId) => _keys.TryRemove(keyId, out _);

    /// <summary>A key the issuer never published, under <paramref name="keyId"/> or a random kid.</summary>
    public RsaSecurityKey UnpublishedKey(string? keyId = null) => new(AttackerKey.Rsa) { KeyId = keyId ?? Guid.NewGuid().ToString("N") };

    public async Task SetOutageAsync(IssuerOutage outage)
    {
        if (Outage == IssuerOutage.Hanging)
        {
            await _hangingRelease.CancelAsync();
            _hangingRelease.Dispose();
            _hangingRelease = new CancellationTokenSource();
        }

        if (outage == IssuerOutage.Refusing && _app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
        else if (outage != IssuerOutage.Refusing && _app is null)
        {
            await ListenAsync();
        }

        Outage = outage;
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
            IssuedAt = spec.HasIssuedAt ? now + spec.NotBefore : null,
            NotBefore = spec.HasNotBefore ? now + spec.NotBefore : null,
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

    /// <summary>A token with a hand-written header, RS256-signed by <paramref name="key"/> (by default the issuer's own key).</summary>
    public string CreateTokenWithHeader(object header, TokenSpec? spec = null, RsaSecurityKey? key = null) =>
        CreateUnsignedToken(header, spec,
            input => (key ?? SigningKey).Rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _hangingRelease.CancelAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _hangingRelease.Dispose();
        _rsa.Dispose();
        lock (_created)
        {
            _created.ForEach(rsa => rsa.Dispose());
        }
    }

    /// <summary>A public JWK of <paramref name="key"/>, as a JWKS or a jwk header carries it.</summary>
    public static Dictionary<string, string> Jwk(RsaSecurityKey key, string? algorithm = "RS256")
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (algorithm is not null)
        {
            jwk["alg"] = algorithm;
        }

        return jwk;
    }

    private static string Encode(object value) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(value));

    private RsaSecurityKey NewKey(string keyId)
    {
        var rsa = RSA.Create(2048);
        lock (_created)
        {
            _created.Add(rsa);
        }

        return new RsaSecurityKey(rsa) { KeyId = keyId };
    }

    // The first start takes any free port; a restart after a Refusing outage takes the same one.
    private async Task ListenAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Use(CountAndMisbehaveAsync);
        app.MapGet(_basePath + "/.well-known/openid-configuration", Discovery);
        app.MapGet(_basePath + JwksPath, () => Results.Json(new { keys = _keys.Values.Select(entry => Jwk(entry.Key, entry.Algorithm)).ToArray() }));
        app.MapGet(AttackerJwksPath, () => Results.Json(new { keys = new[] { Jwk(AttackerKey) } }));
        await app.StartAsync();
        _port = new Uri(app.Urls.Single()).Port;
        _app = app;
    }

    private async Task CountAndMisbehaveAsync(HttpContext context, RequestDelegate next)
    {
        _fetches.AddOrUpdate(context.Request.Path.Value ?? string.Empty, 1, (_, count) => count + 1);
        switch (Outage)
        {
            case IssuerOutage.Failing:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            case IssuerOutage.Hanging:
                using (var hang = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _hangingRelease.Token))
                {
                    await Task.Delay(Timeout.Infinite, hang.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }

                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            default:
                await next(context);
                return;
        }
    }

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = $"http://127.0.0.1:{_port}{_basePath}{JwksPath}",
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
    });
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

    /// <summary>False for a token without <c>nbf</c>, as Auth0 issues them.</summary>
    public bool HasNotBefore { get; init; } = true;

    /// <summary>False for a token without <c>iat</c>.</summary>
    public bool HasIssuedAt { get; init; } = true;

    /// <summary>Null for a token without <c>exp</c>.</summary>
    public TimeSpan? Lifetime { get; init; } = TimeSpan.FromHours(1);

    public SecurityKey? Key { get; init; }

    public string Algorithm { get; init; } = SecurityAlgorithms.RsaSha256;

    public IReadOnlyDictionary<string, object> Claims { get; init; } = new Dictionary<string, object>();
}
