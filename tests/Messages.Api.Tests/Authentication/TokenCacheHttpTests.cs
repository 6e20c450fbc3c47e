using System.Net;
using Messages.Api.Authentication;
using Messages.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Messages.Api.Tests.Authentication;

/// <summary>The validated-token cache behind real JwtBearer: it may change the cost, never the answer.</summary>
[Collection(ApiCollection.Name)]
public sealed class TokenCacheHttpTests(ApiFactory api)
{
    [Fact]
    public async Task Matrix_RepeatedWithCacheOn_AnswersAsExpectedEachTime()
    {
        using var client = api.CreateClient(authorization: null);
        var token = api.Issuer.CreateToken(new() { Scope = "read:messages" });

        var first = await AuthMatrix.MismatchesAsync(client, api.Issuer);
        var second = await AuthMatrix.MismatchesAsync(client, api.Issuer);
        var repeated = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, AuthMatrix.Scoped);
            request.Headers.Authorization = new("Bearer", token);
            using var response = await client.SendAsync(request);
            repeated.Add(response.StatusCode);
        }

        Assert.Empty(first);
        Assert.Empty(second);
        Assert.All(repeated, status => Assert.Equal(HttpStatusCode.OK, status));
        var cache = api.Services.GetRequiredService<ValidatedTokenCache>();
        Assert.True(cache.Count > 0);
        Assert.True(cache.Hits >= 2);
    }

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

    [Fact]
    public async Task Get_CachedTokenWhoseKeyWasRemoved_IsRefusedOnceKeysAreRefreshed()
    {
        await using var own = await ApiFactory.StartOwnAsync(new Dictionary<string, string> { ["Auth0:KeyRefreshThrottle"] = "00:00:01" });
        var cache = own.Services.GetRequiredService<ValidatedTokenCache>();
        var retired = AuthMatrix.Bearer(own.Issuer.CreateToken());
        var fresh = await own.GetAsync(AuthMatrix.Private, retired);
        var cached = await own.GetAsync(AuthMatrix.Private, retired);
        var hitsWhileKeyPublished = cache.Hits;
        own.Issuer.RemoveKey(TestIssuer.KeyId);

        var afterRefresh = await Eventually.UntilAsync(
            async () =>
            {
                // An unknown kid asks for a refresh (at most once a second here).
                await own.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(own.Issuer.CreateToken(new() { Key = own.Issuer.UnpublishedKey() })));
                return await own.GetAsync(AuthMatrix.Private, retired);
            },
            answer => answer.Status == 401);

        Assert.Equal(200, fresh.Status);
        Assert.Equal(200, cached.Status);
        Assert.Equal(1, hitsWhileKeyPublished);
        Assert.Equal((401, "invalid_signature"), (afterRefresh.Status, afterRefresh.Code));
    }

    [Fact]
    public async Task Matrix_WithCacheOff_AnswersAsExpectedAndCachesNothing()
    {
        await using var issuer = await TestIssuer.StartAsync();
        using var factory = TestHosts.Create("Production", Settings(issuer, new("Auth0:TokenCache:Enabled", "false")));
        using var client = factory.CreateClient();

        var first = await AuthMatrix.MismatchesAsync(client, issuer);
        var second = await AuthMatrix.MismatchesAsync(client, issuer);

        Assert.Empty(first);
        Assert.Empty(second);
        Assert.Equal(0, factory.Services.GetRequiredService<ValidatedTokenCache>().Count);
    }

    [Fact]
    public async Task Get_CachedTokenPastItsExp_IsRefusedAsExpired()
    {
        await using var issuer = await TestIssuer.StartAsync();
        using var factory = TestHosts.Create("Production", Settings(issuer, new("Auth0:ClockSkew", "00:00:00")));
        using var client = factory.CreateClient();
        var token = issuer.CreateToken(new() { Lifetime = TimeSpan.FromSeconds(2) });
        var exp = DateTimeOffset.UtcNow.AddSeconds(2);

        var fresh = await AuthMatrix.SendAsync(client, new AuthCase(AuthMatrix.Private, _ => $"Bearer {token}", 200, null), issuer);
        var cached = await AuthMatrix.SendAsync(client, new AuthCase(AuthMatrix.Private, _ => $"Bearer {token}", 200, null), issuer);
        var cache = factory.Services.GetRequiredService<ValidatedTokenCache>();
        var (cachedEntries, hits) = (cache.Count, cache.Hits);
        await Task.Delay(exp - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(1100));
        var expired = await AuthMatrix.SendAsync(client, new AuthCase(AuthMatrix.Private, _ => $"Bearer {token}", 401, null), issuer);

        Assert.Equal((200, null), fresh);
        Assert.Equal((200, null), cached);
        Assert.Equal(1, cachedEntries);
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
