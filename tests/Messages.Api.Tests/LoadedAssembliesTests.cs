using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests;

/// <summary>
/// The built API on SQLite, after serving requests, has not loaded what it does not use
/// (docs/performance.md, "Memory"): each of these maps memory that the 1,000-client target counts.
/// </summary>
public sealed class LoadedAssembliesTests
{
    [Theory]
    [InlineData("Npgsql.dll")]                                  // the other storage provider
    [InlineData("Microsoft.AspNetCore.Server.IIS.dll")]        // the full host builder's IIS integration
    [InlineData("System.Net.Quic.dll")]                         // HTTP/3
    public async Task Run_Sqlite_DoesNotLoad(string assembly)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc/<pid>/maps
        }

        await using var api = ApiProcess.Start(ProcessSettings.UnreachableIssuer());
        await api.WaitUntilReadyAsync();
        using (var client = new HttpClient { BaseAddress = api.BaseAddress })
        {
            (await client.GetAsync("api/public")).Dispose();
            (await client.GetAsync("api/private")).Dispose();
        }

        var mapped = api.MappedFileNames();

        Assert.Contains("Messages.Api.dll", mapped);
        Assert.Contains("Microsoft.Data.Sqlite.dll", mapped);
        Assert.DoesNotContain(assembly, mapped);
    }
}
