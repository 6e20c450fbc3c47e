using Messages.Api.Authentication;
using Messages.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Messages.Api.Tests.Authentication;

/// <summary>The validated-token cache behind real JwtBearer: it may change the cost, never the answer.</summary>
[Collection(ApiCollection.Name)]
public sealed class TokenCacheHttpTests(ApiFactory api)
{
    [Theory]
    [InlineData("scope as JSON array -> scoped")]
    [InlineData("permissions array -> scoped")]
    [InlineData("read:messages -> scoped")]
    [InlineData("write:messages -> scoped")]
    public async Task Get_SameTokenTwice_AnswersTheSameFromTheCache(string caseName)
    {
        var matrixCase = AuthMatrix.Cases[caseName];
        var authorization = matrixCase.Authorization(api.Issuer);
        var repeat = matrixCase with { Authorization = _ => authorization };
        using var client = api.CreateClient(authorization: null);
        var cache = api.Services.GetRequiredService<ValidatedTokenCache>();

        var first = await AuthMatrix.SendAsync(client, repeat, api.Issuer);
        var hitsBefore = cache.Hits;
        var second = await AuthMatrix.SendAsync(client, repeat, api.Issuer);

        Assert.Equal((matrixCase.Status, matrixCase.Code), first);
        Assert.Equal(first, second);
        Assert.True(cache.Hits > hitsBefore);
    }

    // Auth0's access tokens carry no nbf. The cached path once built a date from the missing nbf, which
    // throws on a host east of UTC: CI runs this suite a second time under TZ=Asia/Kolkata.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Get_TokenWithoutNbfThreeTimes_IsAcceptedEachTime(bool hasIssuedAt)
    {
        var token = api.Issuer.CreateToken(new() { HasNotBefore = false, HasIssuedAt = hasIssuedAt });
        var repeat = new AuthCase(AuthMatrix.Private, _ => AuthMatrix.Bearer(token), 200, null);
        using var client = api.CreateClient(authorization: null);
        var cache = api.Services.GetRequiredService<ValidatedTokenCache>();
        var hitsBefore = cache.Hits;

        var answers = new[]
        {
            await AuthMatrix.SendAsync(client, repeat, api.Issuer),
            await AuthMatrix.SendAsync(client, repeat, api.Issuer),
            await AuthMatrix.SendAsync(client, repeat, api.Issuer),
        };

        Assert.All(answers, answer => Assert.Equal((200, null), answer));
        Assert.True(cache.Hits >= hitsBefore + 2);
    }

    [Fact]
    public async Task Matrix_WithCacheOff_AnswersAsExpectedAndCachesNothing()
    {
        await using var issuer = await TestIssuer.StartAsync();
        using var factory = TestHosts.Create("Production", Settings(issuer, new("Auth0:TokenCache:Enabled", "false")));
        using var client = factory.CreateClient();

        var mismatches = await AuthMatrix.MismatchesAsync(client, issuer);

        Assert.Empty(mismatches);
        Assert.Equal(0, factory.Services.GetRequiredService<ValidatedTokenCache>().Count);
    }

    [Fact]
    public async Task Get_CachedTokenPastItsExp_IsRefusedAsExpired()
    {
        await using var issuer = await TestIssuer.StartAsync();
        using var factory = TestHosts.Create("Production", Settings(issuer, new("Auth0:ClockSkew", "00:00:00")));
        using var client = factory.CreateClient();
        // The host starts and fetches the issuer's keys before the 2-second token exists: a slow start must not expire it.
        await AuthMatrix.SendAsync(client, new AuthCase(AuthMatrix.Private, issuer => AuthMatrix.Bearer(issuer.CreateToken()), 200, null), issuer);
        var token = issuer.CreateToken(new() { Lifetime = TimeSpan.FromSeconds(2) });
        var exp = DateTimeOffset.UtcNow.AddSeconds(2);

        var fresh = await AuthMatrix.SendAsync(client, new AuthCase(AuthMatrix.Private, _ => $"Bearer {token}", 200, null), issuer);
        var cached = await AuthMatrix.SendAsync(client, new AuthCase(AuthMatrix.Private, _ => $"Bearer {token}", 200, null), issuer);
        var cache = factory.Services.GetRequiredService<ValidatedTokenCache>();
        var (cachedEntries, hits) = (cache.Count, cache.Hits);
        await Task.Delay(TimeSpan.FromTicks(Math.Max(0, (exp - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(1100)).Ticks)));
        var expired = await AuthMatrix.SendAsync(client, new AuthCase(AuthMatrix.Private, _ => $"Bearer {token}", 401, null), issuer);

        Assert.Equal((200, null), fresh);
        Assert.Equal((200, null), cached);
        Assert.Equal(2, cachedEntries);
        Assert.Equal(1, hits);
        Assert.Equal((401, "token_expired"), expired);
    }

    private static Dictionary<string, string> Settings(TestIssuer issuer, KeyValuePair<string, string> extra) => new()
    {
        ["Auth0:Authority"] = issuer.Issuer,
        ["Auth0:Audience"] = TestIssuer.Audience,
        ["Auth0:RequireHttpsMetadata"] = "false",
        [extra.Key] = extra.Value,
    };
}
