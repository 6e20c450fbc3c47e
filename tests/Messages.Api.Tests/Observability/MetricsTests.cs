using System.Net;
using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Observability;

/// <summary>
/// Scrapes the real /metrics after real requests with real signed tokens. Counters are cumulative for the
/// shared host, so each test compares a scrape before with one after its own requests.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MetricsTests(ApiFactory api)
{
    private const string Outcomes = "messages_auth_outcomes_total";
    private const string Refreshes = "messages_jwks_refreshes_total";
    private const string RefreshFailures = "messages_jwks_refresh_failures_total";
    private const string DurationCount = "http_server_request_duration_seconds_count";

    [Fact]
    public async Task Scrape_AfterAuthRequests_CountsOutcomesByRouteAndReasonAndDurationsByStatus()
    {
        using var scraper = api.CreateClient();
        var expected = new (string Name, (string, string)[] Labels, double Delta)[]
        {
            (Outcomes, [("http_route", "/api/public"), ("auth_outcome", "anonymous")], 2),
            (Outcomes, [("http_route", "/api/private"), ("auth_outcome", "authenticated")], 1),
            (Outcomes, [("http_route", "/api/private"), ("auth_outcome", "unauthenticated"), ("auth_reason", "authorization_header_missing")], 1),
            (Outcomes, [("http_route", "/api/private"), ("auth_outcome", "unauthenticated"), ("auth_reason", "token_expired")], 2),
            (Outcomes, [("http_route", "/api/private-scoped"), ("auth_outcome", "forbidden"), ("auth_reason", "insufficient_scope"), ("auth_scope", "read:messages")], 1),
            (Outcomes, [("auth_outcome", "forbidden")], 1),
            (DurationCount, [("http_route", "/api/private"), ("http_response_status_code", "401")], 3),
            (DurationCount, [("http_route", "/api/private"), ("http_response_status_code", "200")], 1),
            (DurationCount, [("http_route", "/api/private-scoped"), ("http_response_status_code", "403")], 1),
        };
        var before = await PrometheusScrape.ReadAsync(scraper);
        var expired = $"Bearer {api.Issuer.CreateToken(new() { NotBefore = TimeSpan.FromHours(-2) })}";

        await GetAsync(AuthMatrix.Public, null, HttpStatusCode.OK);
        await GetAsync(AuthMatrix.Public, null, HttpStatusCode.OK);
        await GetAsync(AuthMatrix.Private, $"Bearer {api.Issuer.CreateToken()}", HttpStatusCode.OK);
        await GetAsync(AuthMatrix.Private, null, HttpStatusCode.Unauthorized);
        await GetAsync(AuthMatrix.Private, expired, HttpStatusCode.Unauthorized);
        await GetAsync(AuthMatrix.Private, expired, HttpStatusCode.Unauthorized);
        await GetAsync(AuthMatrix.Scoped, $"Bearer {api.Issuer.CreateToken(new() { Scope = "write:messages" })}", HttpStatusCode.Forbidden);
        var after = await PrometheusScrape.ReadUntilAsync(scraper, scrape => expected.All(item => scrape.Sum(item.Name, item.Labels) - before.Sum(item.Name, item.Labels) >= item.Delta));

        foreach (var (name, labels, delta) in expected)
        {
            Assert.True(after.Sum(name, labels) - before.Sum(name, labels) == delta, $"{name} {string.Join(",", labels)} should move by {delta}, moved by {after.Sum(name, labels) - before.Sum(name, labels)}");
        }
    }

    [Fact]
    public async Task Scrape_AnotherHostInTheProcess_NeitherAddsToNorEndsTheCounts()
    {
        using var scraper = api.CreateClient();
        var anonymousPublic = new[] { ("http_route", "/api/public"), ("auth_outcome", "anonymous") };
        var before = await PrometheusScrape.ReadAsync(scraper);

        await using (var other = api.WithWebHostBuilder(_ => { }))
        {
            using var otherClient = other.CreateClient();
            using var otherResponse = await otherClient.GetAsync(AuthMatrix.Public);
            Assert.Equal(HttpStatusCode.OK, otherResponse.StatusCode);
        }

        await GetAsync(AuthMatrix.Public, null, HttpStatusCode.OK);
        var after = await PrometheusScrape.ReadUntilAsync(scraper, scrape => scrape.Sum(Outcomes, anonymousPublic) > before.Sum(Outcomes, anonymousPublic));

        Assert.Equal(1, after.Sum(Outcomes, anonymousPublic) - before.Sum(Outcomes, anonymousPublic));
    }

    [Fact]
    public async Task Scrape_OwnRequests_AreNotCountedAsAuthOutcomes()
    {
        using var scraper = api.CreateClient();
        var before = await PrometheusScrape.ReadAsync(scraper);

        await PrometheusScrape.ReadAsync(scraper);
        var after = await PrometheusScrape.ReadAsync(scraper);

        Assert.Equal(before.Sum(Outcomes, ("http_route", "/metrics")), after.Sum(Outcomes, ("http_route", "/metrics")));
        Assert.Equal(0, after.Sum(Outcomes, ("http_route", "/metrics")));
    }

    [Fact]
    public async Task Scrape_FirstTokenOfAFreshHost_CountsOneDiscoveryAndOneJwksRefresh()
    {
        await using var fresh = api.WithWebHostBuilder(_ => { });
        using var scraper = fresh.CreateClient();
        using var client = fresh.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {api.Issuer.CreateToken()}");
        var before = await PrometheusScrape.ReadAsync(scraper);

        using var response = await client.GetAsync(AuthMatrix.Private);
        var after = await PrometheusScrape.ReadUntilAsync(scraper, scrape => scrape.Sum(Refreshes) - before.Sum(Refreshes) >= 2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, after.Sum(Refreshes, ("jwks_document", "discovery")) - before.Sum(Refreshes, ("jwks_document", "discovery")));
        Assert.Equal(1, after.Sum(Refreshes, ("jwks_document", "jwks")) - before.Sum(Refreshes, ("jwks_document", "jwks")));
        Assert.Equal(before.Sum(RefreshFailures), after.Sum(RefreshFailures));
    }

    [Fact]
    public async Task Scrape_UnreachableIssuer_CountsRefreshFailuresAndLogsThem()
    {
        await using var cutOff = api.WithUnreachableIssuer();
        using var scraper = cutOff.CreateClient();
        using var client = cutOff.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {api.Issuer.CreateToken()}");
        var before = await PrometheusScrape.ReadAsync(scraper);
        var loggedBefore = api.Logs.Events.Count(logEvent => logEvent.EventIdOf() == 1002);

        using var response = await client.GetAsync(AuthMatrix.Private);
        var after = await PrometheusScrape.ReadUntilAsync(scraper, scrape => scrape.Sum(RefreshFailures) > before.Sum(RefreshFailures));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var failures = after.Sum(RefreshFailures, ("jwks_document", "discovery")) - before.Sum(RefreshFailures, ("jwks_document", "discovery"));
        Assert.Equal(1, failures);
        Assert.Equal(failures, after.Sum(Refreshes, ("jwks_document", "discovery")) - before.Sum(Refreshes, ("jwks_document", "discovery")));
        Assert.Equal(failures, api.Logs.Events.Count(logEvent => logEvent.EventIdOf() == 1002) - loggedBefore);
    }

    [Fact]
    public async Task Metrics_PrometheusDisabled_Answers404()
    {
        await using var disabled = api.WithWebHostBuilder(builder => builder.UseSetting("Observability:PrometheusEnabled", "false"));
        using var client = disabled.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task GetAsync(string path, string? authorization, HttpStatusCode expected)
    {
        using var client = api.CreateClient(authorization);
        using var response = await client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
    }
}
