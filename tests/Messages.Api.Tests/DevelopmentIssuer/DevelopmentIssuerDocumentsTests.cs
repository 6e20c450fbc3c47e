using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Messages.Api.DevelopmentIssuer;
using Messages.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Messages.Api.Tests.DevelopmentIssuer;

public sealed class DevelopmentIssuerDocumentsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("messages-dev-docs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Discovery_InDevelopment_NamesIssuerAndJwks()
    {
        using var factory = Factory("Development", []);
        using var client = factory.CreateClient();

        var discovery = await client.GetFromJsonAsync<JsonElement>(DevelopmentIssuerEndpoints.DiscoveryPath);

        Assert.Equal(DevelopmentIssuerSettings.Issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal("http://localhost/.well-known/jwks.json", discovery.GetProperty("jwks_uri").GetString());
        Assert.Equal(["RS256"], discovery.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Jwks_InDevelopment_PublishesOnePublicRsaKeyFromTheKeyFile()
    {
        using var factory = Factory("Development", []);
        using var client = factory.CreateClient();

        var jwks = await client.GetFromJsonAsync<JsonElement>(DevelopmentIssuerEndpoints.JwksPath);

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.False(key.TryGetProperty("d", out _));
        using var onDisk = DevelopmentSigningKey.LoadOrCreate(Path.Combine(_directory, "key.pem"));
        Assert.Equal(onDisk.KeyId, key.GetProperty("kid").GetString());
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    [InlineData("Development", true)]
    public async Task Discovery_OutsideDevelopmentOrWithIssuer_IsNotServed(string environment, bool withAuthority)
    {
        await using var issuer = await TestIssuer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Auth0:Authority"] = issuer.Issuer,
            ["Auth0:Audience"] = TestIssuer.Audience,
            ["Auth0:RequireHttpsMetadata"] = "false",
        };
        using var factory = Factory(environment, withAuthority || environment != "Development" ? settings : []);
        using var client = factory.CreateClient();

        using var discovery = await client.GetAsync(DevelopmentIssuerEndpoints.DiscoveryPath);
        using var jwks = await client.GetAsync(DevelopmentIssuerEndpoints.JwksPath);

        Assert.Equal(HttpStatusCode.NotFound, discovery.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, jwks.StatusCode);
        Assert.False(File.Exists(Path.Combine(_directory, "key.pem")));
    }

    private WebApplicationFactory<Program> Factory(string environment, Dictionary<string, string> settings) =>
        TestHosts.Create(environment, new Dictionary<string, string>(settings)
        {
            ["DevelopmentIssuer:KeyPath"] = Path.Combine(_directory, "key.pem"),
        });
}
