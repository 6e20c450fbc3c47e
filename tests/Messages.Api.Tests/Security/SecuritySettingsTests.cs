using Messages.Api.Authentication;
using Messages.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Tests.Security;

/// <summary>The security settings: their defaults, their limits, and that they reach JwtBearer.</summary>
public sealed class SecuritySettingsTests
{
    [Fact]
    public void Validate_Defaults_PassWithDocumentedValues()
    {
        var settings = new Auth0Settings { Domain = "example.auth0.com", Audience = "api" };

        var result = Validate(settings);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal((TimeSpan.FromHours(12), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)),
            (settings.KeyCacheLifetime, settings.KeyRefreshThrottle, settings.BackchannelTimeout));
        Assert.Equal(["RS256"], settings.Algorithms);
    }

    [Theory]
    [InlineData("00:04:59", "00:00:01", "Auth0:KeyCacheLifetime")]
    [InlineData("7.00:00:01", "00:05:00", "Auth0:KeyCacheLifetime")]
    [InlineData("12:00:00", "00:00:00.500", "Auth0:KeyRefreshThrottle")]
    [InlineData("12:00:00", "01:00:01", "Auth0:KeyRefreshThrottle")]
    [InlineData("00:10:00", "00:20:00", "Auth0:KeyRefreshThrottle")]
    public void Validate_KeyCacheOutOfRange_FailsNamingTheKey(string lifetime, string throttle, string key)
    {
        var settings = new Auth0Settings
        {
            Domain = "example.auth0.com",
            Audience = "api",
            KeyCacheLifetime = TimeSpan.Parse(lifetime),
            KeyRefreshThrottle = TimeSpan.Parse(throttle),
        };

        var result = Validate(settings);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ClientIdsWithoutAudience_PassAndEmptyClientIdFails()
    {
        var cognito = new Auth0Settings { Authority = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123", ClientIds = ["1example23456789"] };
        var empty = new Auth0Settings { Domain = "example.auth0.com", Audience = "api", ClientIds = [" "] };
        var neither = new Auth0Settings { Domain = "example.auth0.com" };

        Assert.True(Validate(cognito).Succeeded, Validate(cognito).FailureMessage);
        Assert.Contains("Auth0:ClientIds", Validate(empty).FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Auth0:Audience is required", Validate(neither).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RequireTokenType_RefusesATokenWithoutTyp()
    {
        await using var api = await ApiFactory.StartOwnAsync(new Dictionary<string, string> { ["Auth0:RequireTokenType"] = "true" });
        var header = new Dictionary<string, object> { ["alg"] = "RS256", ["kid"] = TestIssuer.KeyId };

        var withoutTyp = await api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateTokenWithHeader(header)));
        var withTyp = await api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateTokenWithHeader(
            new Dictionary<string, object>(header) { ["typ"] = "at+jwt" })));

        Assert.Equal((401, "invalid_token_header"), (withoutTyp.Status, withoutTyp.Code));
        Assert.Equal(200, withTyp.Status);
    }

    [Fact]
    public async Task Get_ClientIdsWithAudience_AudienceCheckAppliesToTokensCarryingAud()
    {
        await using var api = await ApiFactory.StartOwnAsync(new Dictionary<string, string> { ["Auth0:ClientIds:0"] = "known-client" });
        string Token(string? audience, string? clientId) => AuthMatrix.Bearer(api.Issuer.CreateToken(new()
        {
            Audience = audience,
            Claims = clientId is null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["client_id"] = clientId },
        }));

        var answers = new[]
        {
            await api.GetAsync(AuthMatrix.Private, Token(TestIssuer.Audience, clientId: null)),
            await api.GetAsync(AuthMatrix.Private, Token(audience: null, "known-client")),
            await api.GetAsync(AuthMatrix.Private, Token("https://other/api", "known-client")),
            await api.GetAsync(AuthMatrix.Private, Token(audience: null, "other-client")),
            await api.GetAsync(AuthMatrix.Private, Token(audience: null, clientId: null)),
        }.Select(answer => (answer.Status, answer.Code));

        Assert.Equal(
        [
            (200, null),
            (200, null),
            (401, "invalid_audience"),
            (401, "invalid_audience"),
            (401, "invalid_audience"),
        ], answers);
    }

    [Fact]
    public async Task Start_KeyCacheSettings_ReachTheConfigurationManager()
    {
        await using var api = await ApiFactory.StartOwnAsync(new Dictionary<string, string>
        {
            ["Auth0:KeyCacheLifetime"] = "01:00:00",
            ["Auth0:KeyRefreshThrottle"] = "00:00:10",
        });

        var options = api.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        var manager = Assert.IsType<IssuerKeyManager>(options.ConfigurationManager);
        Assert.Equal(TimeSpan.FromHours(1), manager.AutomaticRefreshInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), manager.RefreshInterval);
        Assert.False(manager.UseLastKnownGoodConfiguration);
        Assert.Equal(api.Issuer.Issuer + ".well-known/openid-configuration", manager.MetadataAddress);
    }

    [Fact]
    public async Task Get_PS256WhenConfigured_IsAcceptedAndOthersStillRefused()
    {
        await using var api = await ApiFactory.StartOwnAsync(new Dictionary<string, string>
        {
            ["Auth0:Algorithms:0"] = "RS256",
            ["Auth0:Algorithms:1"] = "PS256",
        });

        var ps256 = await api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateToken(new() { Algorithm = SecurityAlgorithms.RsaSsaPssSha256 })));
        var rs256 = await api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateToken()));
        var rs384 = await api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateToken(new() { Algorithm = SecurityAlgorithms.RsaSha384 })));

        Assert.Equal(200, ps256.Status);
        Assert.Equal(200, rs256.Status);
        Assert.Equal((401, "invalid_algorithm"), (rs384.Status, rs384.Code));
    }

    [Fact]
    public async Task Get_TokenInDevelopmentWithoutIssuer_Answers401NotUnavailable()
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder.UseEnvironment("Development"));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", AuthMatrix.Bearer(issuer.CreateToken()));

        using var response = await client.GetAsync(AuthMatrix.Private);

        Assert.Equal((401, "invalid_issuer"), ((int)response.StatusCode, (await AuthAnswer.ReadAsync(response)).Code));
    }

    private static ValidateOptionsResult Validate(Auth0Settings settings) =>
        new Auth0SettingsValidator(new HostingEnvironment { EnvironmentName = "Production" }).Validate(name: null, settings);
}
