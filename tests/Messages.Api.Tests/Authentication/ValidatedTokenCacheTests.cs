using System.Security.Claims;
using System.Security.Cryptography;
using Messages.Api.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Tests.Authentication;

public sealed class ValidatedTokenCacheTests : IDisposable
{
    private const string Issuer = "https://issuer.example/";
    private const string Audience = "https://quickstarts/api";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly RsaSecurityKey _key;
    private readonly TokenValidationParameters _parameters;

    public ValidatedTokenCacheTests()
    {
        _key = new RsaSecurityKey(_rsa) { KeyId = "k1" };
        _parameters = Parameters(_key);
    }

    public void Dispose() => _rsa.Dispose();

    [Fact]
    public async Task TryGet_AfterSuccessfulValidation_ReturnsACompactCopyOfTheValidatedIdentity()
    {
        var cache = Cache();
        var (token, validated) = await ValidateAsync(TimeSpan.FromMinutes(10));
        cache.Add(token, validated);

        var found = cache.TryGet(token, Keys, _key, out var hit);

        Assert.True(found);
        Assert.NotSame(validated.ClaimsIdentity, hit.Identity);
        Assert.Equal(Describe(validated.ClaimsIdentity), Describe(hit.Identity));
        Assert.Equal(validated.ClaimsIdentity.Name, hit.Identity.Name);
        Assert.True(hit.Identity.IsAuthenticated);
        Assert.Null(Assert.IsType<CaseSensitiveClaimsIdentity>(hit.Identity).SecurityToken);
        Assert.Same(hit.Identity, hit.Claims.Identity);
        Assert.Equal(["read:messages"], hit.Claims.Values("scope"));
        Assert.Equal(new DateTimeOffset(validated.SecurityToken.ValidTo, TimeSpan.Zero), hit.NewTicketProperties().ExpiresUtc);
        Assert.Equal(1, cache.Hits);
    }

    [Fact]
    public async Task TryGet_TicketProperties_AreTheTokensTimesAndEachRequestGetsItsOwnCopy()
    {
        var cache = Cache();
        var (token, validated) = await ValidateAsync(TimeSpan.FromMinutes(10));
        cache.Add(token, validated);
        Assert.True(cache.TryGet(token, Keys, _key, out var hit));

        var first = hit.NewTicketProperties();
        first.ExpiresUtc = DateTimeOffset.UnixEpoch;
        first.Items["changed"] = "by one request";
        Assert.True(cache.TryGet(token, Keys, _key, out var again));
        var second = again.NewTicketProperties();

        Assert.NotSame(first, second);
        Assert.Equal(new DateTimeOffset(validated.SecurityToken.ValidTo, TimeSpan.Zero), second.ExpiresUtc);
        Assert.Equal(first.IssuedUtc, second.IssuedUtc);
        Assert.NotNull(second.IssuedUtc);
        Assert.False(second.Items.ContainsKey("changed"));
    }

    [Fact]
    public async Task TryGet_TokenWithoutNotBefore_TakesIssuedTimeFromIat()
    {
        var cache = Cache();
        var (token, validated) = await ValidateAsync(TimeSpan.FromMinutes(10), notBefore: false);
        cache.Add(token, validated);

        Assert.True(cache.TryGet(token, Keys, _key, out var hit));

        Assert.Equal(DateTime.MinValue, validated.SecurityToken.ValidFrom);
        Assert.Equal(new DateTimeOffset(_time.GetUtcNow().UtcDateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero), hit.NewTicketProperties().IssuedUtc);
        Assert.NotNull(hit.NewTicketProperties().ExpiresUtc);
    }

    [Fact]
    public async Task Add_TokensFatWithClaims_StayWithinTheMemoryBudget()
    {
        var cache = Cache(new TokenCacheSettings { MaxMemoryMiB = 1, MaxTokenLength = 8192 });
        var permissions = Enumerable.Range(0, 150).Select(i => $"read:report-{i:D3}").ToArray();
        var tokens = 0;

        for (var i = 0; i < 100; i++)
        {
            var (token, validated) = await ValidateAsync(TimeSpan.FromMinutes(10), subject: $"user-{i}", permissions: permissions);
            cache.Add(token, validated);
            tokens++;
            Assert.InRange(token.Length, 3500, 8192);
            Assert.InRange(cache.Weight, 0, 1024 * 1024);
        }

        var (last, result) = await ValidateAsync(TimeSpan.FromMinutes(10), subject: "last", permissions: permissions);
        var weight = ValidatedTokenCache.Weigh(last.Length, result.ClaimsIdentity.Claims.Count());
        Assert.InRange(weight, 20 * 1024, 50 * 1024);
        Assert.InRange(cache.Count, (1024 * 1024 / weight) - 1, 1024 * 1024 / weight);
        Assert.True(cache.Count < tokens);
    }

    [Fact]
    public async Task Add_WhenTheBudgetIsFull_MakesRoomAsEntriesExpire()
    {
        var permissions = Enumerable.Range(0, 150).Select(i => $"read:report-{i:D3}").ToArray();
        var cache = Cache(new TokenCacheSettings { MaxMemoryMiB = 1, MaxTokenLength = 8192, MaxLifetime = TimeSpan.FromMinutes(1) });
        for (var i = 0; i < 60; i++)
        {
            var (old, result) = await ValidateAsync(TimeSpan.FromMinutes(10), subject: $"old-{i}", permissions: permissions);
            cache.Add(old, result);
        }

        var full = cache.Weight;
        _time.Advance(TimeSpan.FromMinutes(2));
        var (token, validated) = await ValidateAsync(TimeSpan.FromMinutes(10), subject: "new", permissions: permissions);
        cache.Add(token, validated);
        cache.Add(token, validated);

        Assert.True(full > 1024 * 1024 * 3 / 4);
        Assert.True(cache.TryGet(token, Keys, _key, out _));
        Assert.Equal(1, cache.Count);
        Assert.Equal(ValidatedTokenCache.Weigh(token.Length, validated.ClaimsIdentity.Claims.Count()), cache.Weight);
    }

    [Fact]
    public async Task TryGet_KeysNotYetKnown_Misses()
    {
        var cache = Cache();
        var (token, validated) = await ValidateAsync(TimeSpan.FromMinutes(10));
        cache.Add(token, validated);

        var found = cache.TryGet(token, static _ => null, _key, out _);

        Assert.False(found);
    }

    [Fact]
    public async Task TryGet_UnknownToken_Misses()
    {
        var cache = Cache();
        var (token, validated) = await ValidateAsync(TimeSpan.FromMinutes(10));
        cache.Add(token, validated);

        Assert.False(cache.TryGet(token + "x", Keys, _key, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task TryGet_TokenEndingWithTheSameSignature_MissesUnlessItIsTheSameString(int changedSegment)
    {
        // The lookup hashes only the end of the signature: a token that shares it (another header or
        // payload, the same signature) must still miss, because the whole string is compared.
        var cache = Cache();
        var (token, validated) = await ValidateAsync(TimeSpan.FromMinutes(10));
        cache.Add(token, validated);
        var segments = token.Split('.');
        segments[changedSegment] = segments[changedSegment][..^1] + (segments[changedSegment][^1] == 'A' ? 'B' : 'A');
        var forged = string.Join('.', segments);

        Assert.Equal(token.Length, forged.Length);
        Assert.True(token.AsSpan()[^64..].SequenceEqual(forged.AsSpan()[^64..]));
        Assert.False(cache.TryGet(forged, Keys, _key, out _));
        Assert.True(cache.TryGet(token.ToCharArray(), Keys, _key, out _));
        Assert.Equal(1, cache.Hits);
    }

    [Fact]
    public async Task TryGet_OnceExpHasPassed_Misses()
    {
        var cache = Cache();
        var (token, validated) = await ValidateAsync(TimeSpan.FromMinutes(2));
        cache.Add(token, validated);

        _time.SetUtcNow(new DateTimeOffset(validated.SecurityToken.ValidTo, TimeSpan.Zero));

        Assert.False(cache.TryGet(token, Keys, _key, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task TryGet_AfterMaxLifetime_Misses()
    {
        var cache = Cache(new TokenCacheSettings { MaxLifetime = TimeSpan.FromMinutes(1) });
        var (token, validated) = await ValidateAsync(TimeSpan.FromHours(1));
        cache.Add(token, validated);

        _time.Advance(TimeSpan.FromSeconds(59));
        var justBefore = cache.TryGet(token, Keys, _key, out _);
        _time.Advance(TimeSpan.FromSeconds(1));
        var atLimit = cache.TryGet(token, Keys, _key, out _);

        Assert.True(justBefore);
        Assert.False(atLimit);
    }

    [Fact]
    public async Task TryGet_SigningKeyNoLongerAmongIssuerKeys_Misses()
    {
        var cache = Cache();
        var (token, validated) = await ValidateAsync(TimeSpan.FromMinutes(10));
        cache.Add(token, validated);
        using var other = RSA.Create(2048);

        var refreshed = cache.TryGet(token, Keys, new RsaSecurityKey(other) { KeyId = "k2" }, out _);

        Assert.False(refreshed);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Add_FailedValidation_IsNotCached()
    {
        var cache = Cache();
        var token = Token(TimeSpan.FromMinutes(10));
        var failed = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(_key, audience: "https://other/api"));

        cache.Add(token, failed);

        Assert.False(failed.IsValid);
        Assert.False(cache.TryGet(token, Keys, _key, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Add_ManyDistinctTokens_StaysWithinMaxEntries()
    {
        var cache = Cache(new TokenCacheSettings { MaxEntries = 20 });

        for (var i = 0; i < 200; i++)
        {
            var (token, validated) = await ValidateAsync(TimeSpan.FromMinutes(10), subject: $"user-{i}");
            cache.Add(token, validated);
            Assert.InRange(cache.Count, 0, 20);
        }

        Assert.Equal(20, cache.Count);
    }

    [Fact]
    public async Task Add_WhenFullOfExpiredEntries_MakesRoom()
    {
        var cache = Cache(new TokenCacheSettings { MaxEntries = 5, MaxLifetime = TimeSpan.FromMinutes(1) });
        for (var i = 0; i < 5; i++)
        {
            var (old, result) = await ValidateAsync(TimeSpan.FromMinutes(10), subject: $"old-{i}");
            cache.Add(old, result);
        }

        _time.Advance(TimeSpan.FromMinutes(2));
        var (token, validated) = await ValidateAsync(TimeSpan.FromMinutes(10), subject: "new");
        cache.Add(token, validated);
        cache.Add(token, validated);

        Assert.True(cache.TryGet(token, Keys, _key, out _));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Disabled_NeverCaches()
    {
        var cache = Cache(new TokenCacheSettings { Enabled = false });
        var (token, validated) = await ValidateAsync(TimeSpan.FromMinutes(10));

        cache.Add(token, validated);

        Assert.False(cache.TryGet(token, Keys, _key, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Add_TokenLongerThanMaxLength_IsNotCached()
    {
        var cache = Cache(new TokenCacheSettings { MaxTokenLength = 100 });
        var (token, validated) = await ValidateAsync(TimeSpan.FromMinutes(10));

        cache.Add(token, validated);

        Assert.True(token.Length > 100);
        Assert.False(cache.TryGet(token, Keys, _key, out _));
    }

    private static IEnumerable<SecurityKey> Keys(SecurityKey key) => [key];

    private ValidatedTokenCache Cache(TokenCacheSettings? settings = null) => new(Options.Create(settings ?? new TokenCacheSettings()), _time);

    private static string[] Describe(ClaimsIdentity identity) =>
        identity.Claims.Select(claim => $"{claim.Type}={claim.Value} ({claim.ValueType}, {claim.Issuer})").Order(StringComparer.Ordinal).ToArray();

    private async Task<(string Token, TokenValidationResult Result)> ValidateAsync(
        TimeSpan lifetime, string subject = "auth0|alice", string[]? permissions = null, bool notBefore = true)
    {
        var token = Token(lifetime, subject, permissions, notBefore);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, _parameters);
        Assert.True(result.IsValid, result.Exception?.Message);
        return (token, result);
    }

    private string Token(TimeSpan lifetime, string subject = "auth0|alice", string[]? permissions = null, bool notBefore = true)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["scope"] = "read:messages" };
        if (permissions is not null)
        {
            claims["permissions"] = permissions;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = notBefore }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = notBefore ? now : null,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static TokenValidationParameters Parameters(SecurityKey key, string audience = Audience) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = audience,
        IssuerSigningKeys = [key],
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
    };
}
