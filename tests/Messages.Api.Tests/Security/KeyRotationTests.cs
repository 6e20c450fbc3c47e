using Messages.Api.Authentication;
using Messages.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Messages.Api.Tests.Security;

/// <summary>
/// Key cache, rotation and refresh throttle, each against a host and issuer of its own: the API's
/// real backchannel fetches the JWKS over a loopback socket and the issuer counts every fetch.
/// </summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task Get_TokenSignedWithNewlyPublishedKey_IsAcceptedAfterOneJwksFetch()
    {
        await using var api = await ApiFactory.StartOwnAsync(new Dictionary<string, string>());
        Assert.Equal(200, (await api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateToken()))).Status);
        var fetchesBefore = api.Issuer.JwksFetches;
        var rotated = AuthMatrix.Bearer(api.Issuer.CreateToken(new() { Key = api.Issuer.AddKey("test-key-2") }));

        var answer = await Eventually.UntilAsync(() => api.GetAsync(AuthMatrix.Private, rotated), answer => answer.Status == 200);

        Assert.Equal(200, answer.Status);
        Assert.Equal(fetchesBefore + 1, api.Issuer.JwksFetches);
    }

    [Fact]
    public async Task Get_KnownKid_IsServedFromCacheWithoutFetching()
    {
        await using var api = await ApiFactory.StartOwnAsync(new Dictionary<string, string>());
        var token = AuthMatrix.Bearer(api.Issuer.CreateToken());
        Assert.Equal(200, (await api.GetAsync(AuthMatrix.Private, token)).Status);
        var fetchesBefore = api.Issuer.JwksFetches;

        for (var request = 0; request < 20; request++)
        {
            Assert.Equal(200, (await api.GetAsync(AuthMatrix.Private, token)).Status);
        }

        Assert.Equal(1, fetchesBefore);
        Assert.Equal(fetchesBefore, api.Issuer.JwksFetches);
    }

    [Fact]
    public async Task Get_FloodOfRandomKids_FetchesJwksAtMostOncePerDefaultThrottle()
    {
        await using var api = await ApiFactory.StartOwnAsync(new Dictionary<string, string>());
        Assert.Equal(200, (await api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateToken()))).Status);
        var fetchesBefore = api.Issuer.JwksFetches;

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ =>
            api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateToken(new() { Key = api.Issuer.UnpublishedKey() })))));
        await Task.Delay(500);

        Assert.All(answers, answer => Assert.Equal((401, "invalid_signature"), (answer.Status, answer.Code)));
        Assert.InRange(api.Issuer.JwksFetches - fetchesBefore, 0, 1);
    }

    [Fact]
    public async Task Get_NewKeyPublishedAfterFloodOfRandomKids_IsAcceptedWithinThirtySeconds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = await ApiFactory.StartOwnAsync(new Dictionary<string, string>(), services => services.AddSingleton<TimeProvider>(time));
        Assert.Equal(200, (await api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateToken()))).Status);
        var keysBefore = await CurrentConfigurationAsync(api);
        var fetchesBefore = api.Issuer.JwksFetches;
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateToken(new() { Key = api.Issuer.UnpublishedKey() })))));
        // The flood's one refresh has landed before the issuer publishes its new key.
        await Eventually.UntilAsync(() => CurrentConfigurationAsync(api), keys => !ReferenceEquals(keys, keysBefore));
        var rotated = AuthMatrix.Bearer(api.Issuer.CreateToken(new() { Key = api.Issuer.AddKey("test-key-2") }));

        time.Advance(TimeSpan.FromSeconds(29));
        var throttled = await api.GetAsync(AuthMatrix.Private, rotated);
        await Task.Delay(200);
        var fetchesWhileThrottled = api.Issuer.JwksFetches - fetchesBefore;
        time.Advance(TimeSpan.FromSeconds(1));
        var accepted = await Eventually.UntilAsync(() => api.GetAsync(AuthMatrix.Private, rotated), answer => answer.Status == 200);

        Assert.Equal(401, throttled.Status);
        Assert.Equal(1, fetchesWhileThrottled);
        Assert.Equal(200, accepted.Status);
        Assert.Equal(2, api.Issuer.JwksFetches - fetchesBefore);
    }

    [Fact]
    public async Task Get_FloodOfRandomKidsForAMinute_FetchesJwksAtMostTwice()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = await ApiFactory.StartOwnAsync(new Dictionary<string, string>(), services => services.AddSingleton<TimeProvider>(time));
        Assert.Equal(200, (await api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateToken()))).Status);
        var fetchesBefore = api.Issuer.JwksFetches;

        var answers = new List<AuthAnswer>();
        for (var second = 0; second < 60; second++)
        {
            answers.AddRange(await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
                api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateToken(new() { Key = api.Issuer.UnpublishedKey() }))))));
            // Time for a refresh to finish, so that a missing throttle would show as one fetch a second.
            await Task.Delay(50);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.Delay(200);

        Assert.All(answers, answer => Assert.Equal((401, "invalid_signature"), (answer.Status, answer.Code)));
        Assert.InRange(api.Issuer.JwksFetches - fetchesBefore, 1, 2);
    }

    [Fact]
    public async Task Get_UnknownKidAfterConfiguredThrottle_FetchesAgain()
    {
        await using var api = await ApiFactory.StartOwnAsync(new Dictionary<string, string> { ["Auth0:KeyRefreshThrottle"] = "00:00:01" });
        Assert.Equal(200, (await api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateToken()))).Status);
        var fetchesBefore = api.Issuer.JwksFetches;

        var fetches = await Eventually.UntilAsync(
            async () =>
            {
                await api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateToken(new() { Key = api.Issuer.UnpublishedKey() })));
                return api.Issuer.JwksFetches;
            },
            fetches => fetches >= fetchesBefore + 2);

        Assert.True(fetches >= fetchesBefore + 2, $"JWKS fetched {fetches - fetchesBefore} times after the first");
    }

    [Fact]
    public async Task Get_TokenSignedWithRemovedKey_IsRejectedOnceKeysAreRefreshed()
    {
        await using var api = await ApiFactory.StartOwnAsync(new Dictionary<string, string> { ["Auth0:KeyRefreshThrottle"] = "00:00:01" });
        var next = AuthMatrix.Bearer(api.Issuer.CreateToken(new() { Key = api.Issuer.AddKey("test-key-2") }));
        var retired = AuthMatrix.Bearer(api.Issuer.CreateToken());
        var cache = api.Services.GetRequiredService<ValidatedTokenCache>();
        Assert.Equal(200, (await api.GetAsync(AuthMatrix.Private, retired)).Status);
        Assert.Equal(200, (await api.GetAsync(AuthMatrix.Private, retired)).Status);
        // The second answer came from the validated-token cache: removal must reach cached tokens too.
        Assert.Equal(1, cache.Hits);
        api.Issuer.RemoveKey(TestIssuer.KeyId);

        var answer = await Eventually.UntilAsync(
            async () =>
            {
                await api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateToken(new() { Key = api.Issuer.UnpublishedKey() })));
                return await api.GetAsync(AuthMatrix.Private, retired);
            },
            answer => answer.Status == 401);

        Assert.Equal((401, "invalid_signature"), (answer.Status, answer.Code));
        Assert.Equal(200, (await api.GetAsync(AuthMatrix.Private, next)).Status);
    }

    private static Task<OpenIdConnectConfiguration> CurrentConfigurationAsync(ApiFactory api) =>
        api.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme)
            .ConfigurationManager!.GetConfigurationAsync(CancellationToken.None);
}
