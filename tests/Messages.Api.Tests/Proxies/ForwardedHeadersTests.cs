using System.Net;
using Messages.Api.Proxies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Messages.Api.Tests.Proxies;

/// <summary>The forwarded-headers middleware as the API configures it, run on real requests.</summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task Forwarded_FromLoopbackProxy_GivesClientAddressAndScheme()
    {
        var context = await ForwardAsync([], from: "127.0.0.1", forwardedFor: "203.0.113.7");

        Assert.Equal(IPAddress.Parse("203.0.113.7"), context.Connection.RemoteIpAddress);
        Assert.Equal("https", context.Request.Scheme);
    }

    [Fact]
    public async Task Forwarded_FromUnknownAddress_IsIgnored()
    {
        var context = await ForwardAsync([], from: "198.51.100.9", forwardedFor: "203.0.113.7");

        Assert.Equal(IPAddress.Parse("198.51.100.9"), context.Connection.RemoteIpAddress);
        Assert.Equal("http", context.Request.Scheme);
    }

    [Fact]
    public async Task Forwarded_SeveralHops_TakesOnlyTheProxysOwnEntry()
    {
        var context = await ForwardAsync([], from: "127.0.0.1", forwardedFor: "10.9.9.9, 203.0.113.7");

        Assert.Equal(IPAddress.Parse("203.0.113.7"), context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task KnownProxies_Configured_ReplaceLoopback()
    {
        var settings = new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.5" };

        var fromProxy = await ForwardAsync(settings, from: "10.0.0.5", forwardedFor: "203.0.113.7");
        var fromLoopback = await ForwardAsync(settings, from: "127.0.0.1", forwardedFor: "203.0.113.7");

        Assert.Equal(IPAddress.Parse("203.0.113.7"), fromProxy.Connection.RemoteIpAddress);
        Assert.Equal(IPAddress.Loopback, fromLoopback.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task KnownNetworks_Configured_TrustTheWholeNetwork()
    {
        var settings = new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8" };

        var context = await ForwardAsync(settings, from: "10.20.30.40", forwardedFor: "203.0.113.7");

        Assert.Equal(IPAddress.Parse("203.0.113.7"), context.Connection.RemoteIpAddress);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.internal")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99")]
    public void Settings_Invalid_AreRefusedNamingTheKey(string key, string value)
    {
        using var provider = Services(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value);

        Assert.Contains(key[..key.LastIndexOf(':')], error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpContext> ForwardAsync(Dictionary<string, string?> settings, string from, string forwardedFor)
    {
        using var provider = Services(settings);
        var middleware = new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance,
            provider.GetRequiredService<IOptions<ForwardedHeadersOptions>>());
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(from);
        context.Request.Scheme = "http";
        context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        context.Request.Headers["X-Forwarded-Proto"] = "https";

        await middleware.Invoke(context);
        return context;
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddApiForwardedHeaders().BuildServiceProvider();
    }
}
