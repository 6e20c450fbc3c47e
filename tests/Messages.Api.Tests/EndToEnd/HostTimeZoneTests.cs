using System.Net;
using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.EndToEnd;

/// <summary>
/// The built API on a host whose clock is not set to UTC. A token is validated in full on its first use
/// and answered from the validated-token cache afterwards, so each token is sent three times.
/// </summary>
public sealed class HostTimeZoneTests : IAsyncLifetime
{
    private TestIssuer _issuer = null!;

    public async Task InitializeAsync() => _issuer = await TestIssuer.StartAsync();

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    // East of UTC with a half-hour offset, east of UTC by whole hours, and west of UTC.
    [Theory]
    [InlineData("Asia/Kolkata")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/Los_Angeles")]
    public async Task Run_InTimeZone_AcceptsTokensWithoutNbfOnEveryUse(string timeZone)
    {
        // Without the zone's data the process would run in UTC and prove nothing.
        Assert.NotEqual(TimeSpan.Zero, TimeZoneInfo.FindSystemTimeZoneById(timeZone).BaseUtcOffset);
        await using var api = ApiProcess.Start(new Dictionary<string, string>
        {
            ["TZ"] = timeZone,
            ["Auth0__Authority"] = _issuer.Issuer,
            ["Auth0__Audience"] = TestIssuer.Audience,
            ["Auth0__RequireHttpsMetadata"] = "false",
        });
        await api.WaitUntilReadyAsync();
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        var tokens = new[]
        {
            _issuer.CreateToken(new() { HasNotBefore = false }),
            _issuer.CreateToken(new() { HasNotBefore = false, HasIssuedAt = false }),
            _issuer.CreateToken(),
        };
        var statuses = new List<HttpStatusCode>();

        foreach (var token in tokens)
        {
            for (var use = 0; use < 3; use++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "api/private");
                request.Headers.TryAddWithoutValidation("Authorization", AuthMatrix.Bearer(token));
                using var response = await client.SendAsync(request);
                statuses.Add(response.StatusCode);
            }
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.DoesNotContain("\"@l\":\"Error\"", api.Output, StringComparison.Ordinal);
    }
}
