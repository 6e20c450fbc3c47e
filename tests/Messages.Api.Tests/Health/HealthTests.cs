using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Messages.Api.Tests.Infrastructure;
using Serilog.Events;

namespace Messages.Api.Tests.Health;

[Collection(ApiCollection.Name)]
public sealed class HealthTests(ApiFactory api)
{
    [Fact]
    public async Task Live_Anonymous_IsHealthy()
    {
        using var client = api.CreateClient(authorization: null);

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_IssuerServingKeys_IsHealthy()
    {
        using var client = api.CreateClient(authorization: null);

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.Equal(["database", "shutdown", "signing-keys"], checks.EnumerateObject().Select(check => check.Name).Order(StringComparer.Ordinal));
        Assert.All(checks.EnumerateObject(), check => Assert.Equal("Healthy", check.Value.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Ready_DatabaseGone_IsUnhealthyWithReasonWhileLiveStaysHealthy()
    {
        await using var database = TestDatabase.CreateSqlite();
        using var factory = api.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in database.Settings)
            {
                builder.UseSetting(key, value);
            }
        });
        using var client = factory.CreateClient();
        using var before = await client.GetAsync("/health/ready");
        await database.ExecuteAsync("DROP TABLE schema_migrations");

        using var response = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var check = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("database");
        Assert.Equal("The database did not answer.", check.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Ready_IssuerUnreachable_IsUnhealthyWithReason()
    {
        using var factory = TestHosts.Create("Production", new Dictionary<string, string>
        {
            ["Auth0:Authority"] = $"http://127.0.0.1:{TestHosts.FreeLoopbackPort()}/",
            ["Auth0:Audience"] = TestIssuer.Audience,
            ["Auth0:RequireHttpsMetadata"] = "false",
        });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        var check = report.GetProperty("checks").GetProperty("signing-keys");
        Assert.Equal("The issuer's signing keys could not be fetched.", check.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Probes_AreKeptOutOfTheRequestLogAtInformation()
    {
        using var client = api.CreateClient(authorization: null);

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");
        await Task.Delay(100);

        Assert.DoesNotContain(api.Logs.Events, logEvent => logEvent.Level >= LogEventLevel.Information
            && logEvent.Properties.TryGetValue("RequestPath", out var path) && path.ToString().Contains("/health", StringComparison.Ordinal));
    }
}
