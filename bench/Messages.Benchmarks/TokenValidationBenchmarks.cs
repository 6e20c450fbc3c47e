using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Messages.Api.Authentication;
using Messages.Features.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Benchmarks;

/// <summary>
/// One RS256 access token: validated in full by the API's token handler (cold), and answered by the
/// validated-token cache as BearerEvents.MessageReceived does for a token seen before (cached).
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    private const string Issuer = "https://issuer.example/";
    private const string Audience = "https://quickstarts/api";

    private readonly ValidatedTokenCache _cache = new(Options.Create(new TokenCacheSettings()), TimeProvider.System);
    private AccessTokenHandler _handler = null!;
    private RSA _rsa = null!;
    private SecurityKey[] _keys = null!;
    private TokenValidationParameters _parameters = null!;
    private string _token = null!;

    [GlobalSetup]
    public async Task SetUp()
    {
        _handler = new AccessTokenHandler(_cache, new ScopeClaimOptions());
        _rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(_rsa) { KeyId = "k1" };
        _keys = [key];
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKeys = _keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            TryAllIssuerSigningKeys = false,
        };
        var now = DateTime.UtcNow;
        _token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "bench|user", ["scope"] = "read:messages" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        var first = await _handler.ValidateTokenAsync(_token, _parameters);
        if (!first.IsValid || !_cache.TryGet(_token, static keys => keys, _keys, out _))
        {
            throw new InvalidOperationException("The benchmark token does not validate and cache.", first.Exception);
        }
    }

    [GlobalCleanup]
    public void CleanUp() => _rsa.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<bool> Cold() => (await _handler.ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark]
    public bool Cached() => _cache.TryGet(_token, static keys => keys, _keys, out _);
}
