using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Messages.Api.Authentication;
using Messages.Features.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Benchmarks;

/// <summary>One RS256 access token validated in full (cold) and through the validated-token cache.</summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    private const string Issuer = "https://issuer.example/";
    private const string Audience = "https://quickstarts/api";

    private readonly JsonWebTokenHandler _plain = new() { MapInboundClaims = false };
    private readonly AccessTokenHandler _caching =
        new(new ValidatedTokenCache(Options.Create(new TokenCacheSettings()), TimeProvider.System), new ScopeClaimOptions());

    private RSA _rsa = null!;
    private TokenValidationParameters _parameters = null!;
    private string _token = null!;

    [GlobalSetup]
    public async Task SetUp()
    {
        _rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(_rsa) { KeyId = "k1" };
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKeys = [key],
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            TryAllIssuerSigningKeys = false,
        };
        var now = DateTime.UtcNow;
        _token = _plain.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "bench|user", ["scope"] = "read:messages" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        var warm = await _caching.ValidateTokenAsync(_token, _parameters);
        if (!warm.IsValid)
        {
            throw new InvalidOperationException("The benchmark token does not validate.", warm.Exception);
        }
    }

    [GlobalCleanup]
    public void CleanUp() => _rsa.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<bool> Cold() => (await _plain.ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark]
    public async Task<bool> Cached() => (await _caching.ValidateTokenAsync(_token, _parameters)).IsValid;
}
