using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>Hosts of their own, for tests about start-up, environments and restarts (others share ApiFactory).</summary>
public static class TestHosts
{
    // Hosts that do not choose a database share one temporary SQLite file, never the user's real one.
    private static readonly Lazy<TestDatabase> _sharedDatabase = new(() =>
    {
        var database = TestDatabase.CreateSqlite();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return database;
    });

    /// <summary>
    /// A host with these settings; storage settings default to a temporary SQLite file, so pass a
    /// <see cref="TestDatabase"/>'s settings to choose one.
    /// </summary>
    public static WebApplicationFactory<Program> Create(string environment, IReadOnlyDictionary<string, string> settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            if (!settings.Keys.Any(key => key.StartsWith("Storage:", StringComparison.Ordinal) || key == "ConnectionStrings:Messages"))
            {
                foreach (var (key, value) in _sharedDatabase.Value.Settings)
                {
                    builder.UseSetting(key, value);
                }
            }

            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    /// <summary>A loopback port nothing listens on (free when asked).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The checkout the tests were built from: the folder holding Messages.sln.</summary>
    public static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Messages.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("Messages.sln not found above the test output.");
    }
}
