using System.Diagnostics;
using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Security;

/// <summary>
/// The issuer failing (500), hanging, or refusing connections, against a host and issuer of each test's
/// own over real sockets. Bounds are far from the timings involved (a hang lasts until the test ends),
/// so they tell "waited for the issuer" from "did not" without timing the API.
/// </summary>
public sealed class IssuerOutageTests
{
    private static readonly TimeSpan _neverWaited = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan _waitedOneTimeout = TimeSpan.FromSeconds(20);

    public static TheoryData<IssuerOutage> Outages => new(IssuerOutage.Failing, IssuerOutage.Hanging, IssuerOutage.Refusing);

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task Get_IssuerDownWithKeysCached_KeepsAcceptingCachedKeys(IssuerOutage outage)
    {
        // A long backchannel timeout: a request that waited for the hanging refresh would take 30 s.
        // The token with an unknown kid asks for that refresh, which fails: still 401, keys are cached.
        await using var api = await StartAsync("00:00:30");
        var token = AuthMatrix.Bearer(api.Issuer.CreateToken());
        Assert.Equal(200, (await api.GetAsync(AuthMatrix.Private, token)).Status);
        await api.Issuer.SetOutageAsync(outage);

        var refresh = api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateToken(new() { Key = api.Issuer.UnpublishedKey() })));
        await Task.Delay(200);
        var clock = Stopwatch.StartNew();
        var answers = new List<AuthAnswer>();
        for (var request = 0; request < 5; request++)
        {
            answers.Add(await api.GetAsync(AuthMatrix.Private, token).WaitAsync(_neverWaited));
        }

        var elapsed = clock.Elapsed;
        await api.Issuer.SetOutageAsync(IssuerOutage.None);
        var unknownKey = await refresh.WaitAsync(_waitedOneTimeout);

        Assert.All(answers, answer => Assert.Equal(200, answer.Status));
        Assert.True(elapsed < _neverWaited, $"cached-key requests took {elapsed}");
        Assert.Equal((401, "invalid_signature"), (unknownKey.Status, unknownKey.Code));
    }

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task Get_ColdStartWithIssuerDown_Answers503ThenRecoversByItself(IssuerOutage outage)
    {
        await using var api = await StartAsync("00:00:01");
        await api.Issuer.SetOutageAsync(outage);
        var token = AuthMatrix.Bearer(api.Issuer.CreateToken());

        var down = await api.GetAsync(AuthMatrix.Private, token).WaitAsync(_waitedOneTimeout);
        await api.Issuer.SetOutageAsync(IssuerOutage.None);
        var up = await Eventually.UntilAsync(() => api.GetAsync(AuthMatrix.Private, token), answer => answer.Status == 200);

        Assert.Equal(new AuthAnswer(503, "issuer_unavailable", Challenge: null, RetryAfter: "5"), down);
        Assert.Equal(200, up.Status);
        Assert.NotEmpty(api.Logs.WithEventId(1005));
        Assert.NotEmpty(api.Logs.WithEventId(5030));
        Assert.NotEmpty(api.Logs.WithEventId(1004));
    }

    [Fact]
    public async Task Get_ColdStartWithIssuerHanging_WaitsNoLongerThanTheBackchannelTimeout()
    {
        await using var api = await StartAsync("00:00:01");
        await api.Issuer.SetOutageAsync(IssuerOutage.Hanging);
        var token = AuthMatrix.Bearer(api.Issuer.CreateToken());

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => api.GetAsync(AuthMatrix.Private, token))).WaitAsync(_waitedOneTimeout);

        Assert.All(answers, answer => Assert.Equal((503, "issuer_unavailable"), (answer.Status, answer.Code)));
        Assert.True(api.Issuer.Fetches("/.well-known/openid-configuration") >= 1);
    }

    [Fact]
    public async Task Get_ColdStartWithIssuerDownAndNoToken_Answers401WithoutAskingTheIssuer()
    {
        await using var api = await StartAsync("00:00:01");
        await api.Issuer.SetOutageAsync(IssuerOutage.Failing);

        var answer = await api.GetAsync(AuthMatrix.Private, authorization: null);

        Assert.Equal(new AuthAnswer(401, "authorization_header_missing", "Bearer", RetryAfter: null), answer);
        Assert.Equal(0, api.Issuer.Fetches("/.well-known/openid-configuration"));
    }

    private static Task<ApiFactory> StartAsync(string backchannelTimeout) => ApiFactory.StartOwnAsync(new Dictionary<string, string>
    {
        ["Auth0:BackchannelTimeout"] = backchannelTimeout,
        ["Auth0:KeyRefreshThrottle"] = "00:00:01",
    });
}
