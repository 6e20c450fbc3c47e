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
