using Messages.Api.Authentication;
using Messages.Features.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Messages.Api.Tests.Authentication;

/// <summary>Configured lists replace the defaults; they are not appended to them.</summary>
public sealed class SettingsBindingTests
{
    [Fact]
    public void Algorithms_Configured_ReplaceTheDefault()
    {
        var settings = Resolve<Auth0Settings>(new() { ["Auth0:Algorithms:0"] = "PS256" });

        Assert.Equal(["PS256"], settings.Algorithms);
    }

    [Fact]
    public void Algorithms_NotConfigured_AreRs256()
    {
        var settings = Resolve<Auth0Settings>([]);

        Assert.Equal(["RS256"], settings.Algorithms);
    }

    [Fact]
    public void ScopeClaims_Configured_ReplaceTheDefaults()
    {
        var options = Resolve<ScopeClaimOptions>(new() { ["Authorization:ScopeClaims:0"] = "scp", ["Authorization:PermissionClaims:0"] = "roles" });

        Assert.Equal(["scp"], options.ScopeClaims);
        Assert.Equal(["roles"], options.PermissionClaims);
    }

    [Fact]
    public void ProviderSettings_Configured_AreBound()
    {
        var settings = Resolve<Auth0Settings>(new()
        {
            ["Auth0:ClientIds:0"] = "client-a",
            ["Auth0:ClientIds:1"] = "client-b",
            ["Auth0:RequireTokenType"] = "true",
        });
        var options = Resolve<ScopeClaimOptions>(new() { ["Authorization:ScopePrefix"] = "https://quickstarts/api/" });

        Assert.Equal(["client-a", "client-b"], settings.ClientIds);
        Assert.True(settings.RequireTokenType);
        Assert.Equal("https://quickstarts/api/", options.ScopePrefix);
    }

    [Fact]
    public void ProviderSettings_NotConfigured_AcceptNoTypAndNeedAnAudience()
    {
        var settings = Resolve<Auth0Settings>([]);
        var options = Resolve<ScopeClaimOptions>([]);

        Assert.Empty(settings.ClientIds);
        Assert.False(settings.RequireTokenType);
        Assert.Equal(string.Empty, options.ScopePrefix);
    }

    [Fact]
    public void ScopeClaims_SameClaimInBothLists_StopsStartNamingTheKeys()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<ScopeClaimOptions>(new()
        {
            ["Authorization:ScopeClaims:0"] = "scp",
            ["Authorization:PermissionClaims:0"] = "scp",
        }));

        Assert.Contains("Authorization:ScopeClaims and Authorization:PermissionClaims", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScopeClaims_NotConfigured_AreScopeAndPermissions()
    {
        var options = Resolve<ScopeClaimOptions>([]);

        Assert.Equal(["scope"], options.ScopeClaims);
        Assert.Equal(["permissions"], options.PermissionClaims);
    }

    private static T Resolve<T>(Dictionary<string, string?> settings)
        where T : class
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddSingleton<IHostEnvironment>(new TestEnvironment());
        services.AddApiAuthentication();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";

        public string ApplicationName { get; set; } = "Messages.Api";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
