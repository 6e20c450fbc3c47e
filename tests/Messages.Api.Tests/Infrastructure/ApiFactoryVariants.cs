using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>Short-lived hosts derived from the shared one (same issuer and log sink), for what needs a fresh host.</summary>
public static class ApiFactoryVariants
{
    /// <summary>A host whose issuer cannot be reached: every key fetch fails.</summary>
    public static WebApplicationFactory<Program> WithUnreachableIssuer(this ApiFactory api) =>
        api.WithWebHostBuilder(builder => builder.UseSetting("Auth0:Authority", $"http://127.0.0.1:{ClosedPort()}/"));

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
