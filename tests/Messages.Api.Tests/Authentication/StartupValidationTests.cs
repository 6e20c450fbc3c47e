using System.Net;
using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Authentication;

/// <summary>
/// Each test builds its own host: start-up itself is what is tested. Start-up failures are tested on the
/// built API process (BuiltApiTests), where an operator sees them.
/// </summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task Start_DomainWithSchemeAndSlash_StartsAndServes()
    {
        using var factory = TestHosts.Create("Production", new Dictionary<string, string> { ["Auth0:Domain"] = "https://example.auth0.com/", ["Auth0:Audience"] = "api" });
        using var client = factory.CreateClient();

        using var open = await client.GetAsync("/api/public");

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }

    [Fact]
    public async Task Start_DevelopmentWithoutSettings_StartsWithProtectedRoutesClosed()
    {
        using var factory = TestHosts.Create("Development", new Dictionary<string, string>());
        using var client = factory.CreateClient();

        using var open = await client.GetAsync("/api/public");
        using var closed = await client.GetAsync("/api/private");

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, closed.StatusCode);
    }

    [Fact]
    public async Task Start_DevelopmentWithoutListedOrigins_AllowsAnyOrigin()
    {
        using var factory = TestHosts.Create("Development", new Dictionary<string, string>());
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/private");
        request.Headers.Add("Origin", "http://localhost:3000");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }
}
