using Messages.Api.Authentication;

namespace Messages.Api.Tests.Authentication;

public sealed class Auth0SettingsTests
{
    [Theory]
    [InlineData("example.auth0.com")]
    [InlineData("example.auth0.com/")]
    [InlineData("https://example.auth0.com")]
    [InlineData("https://example.auth0.com/")]
    [InlineData("  https://Example.Auth0.com/  ")]
    public void Issuer_DomainWithOrWithoutSchemeOrSlash_IsNormalised(string domain)
    {
        var settings = new Auth0Settings { Domain = domain };

        Assert.Equal("https://example.auth0.com/", settings.Issuer);
    }

    [Theory]
    [InlineData("http://example.auth0.com")]
    [InlineData("example.auth0.com/tenant")]
    [InlineData("example.auth0.com?x=1")]
    [InlineData("user@example.auth0.com")]
    [InlineData("not a host")]
    public void Issuer_DomainThatIsNotABareHttpsHost_IsNull(string domain)
    {
        var settings = new Auth0Settings { Domain = domain };

        Assert.Null(settings.Issuer);
    }

    [Fact]
    public void Issuer_Authority_OverridesDomainExactly()
    {
        var settings = new Auth0Settings { Domain = "example.auth0.com", Authority = "http://127.0.0.1:5999/" };

        Assert.Equal("http://127.0.0.1:5999/", settings.Issuer);
    }

    [Fact]
    public void Issuer_AuthorityWithoutTrailingSlash_IsKeptAsGiven()
    {
        var settings = new Auth0Settings { Authority = "https://login.example.com/realms/api" };

        Assert.Equal("https://login.example.com/realms/api", settings.Issuer);
    }

    [Theory]
    [InlineData("https://accounts.google.com")]
    [InlineData("http://127.0.0.1:5999")]
    public void Issuer_AuthorityBareHostWithoutTrailingSlash_IsKeptAsGiven(string authority)
    {
        var settings = new Auth0Settings { Authority = "  " + authority + " " };

        Assert.Equal(authority, settings.Issuer);
    }
}
