using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Messages.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Messages.Api.Tests.Lifecycle;

/// <summary>SIGTERM to the built API: readiness 503 at once, new connections refused after the drain delay, a request in flight still answered, exit 0.</summary>
public sealed class GracefulShutdownTests
{
    private static readonly TimeSpan _drainDelay = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Sigterm_RequestInFlight_IsAnsweredWhileReadinessFailsThenExitsZero()
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var database = TestDatabase.CreateSqlite();
        await using var api = ApiProcess.Start(new Dictionary<string, string>(database.EnvironmentVariables)
        {
            ["Auth0__Authority"] = issuer.Issuer,
            ["Auth0__Audience"] = TestIssuer.Audience,
            ["Auth0__RequireHttpsMetadata"] = "false",
            ["Shutdown__DrainDelay"] = _drainDelay.ToString("c"),
            ["Shutdown__Timeout"] = "00:00:20",
        });
        await api.WaitUntilReadyAsync();
        Assert.Equal(HttpStatusCode.OK, (await Eventually.UntilAsync(() => ReadinessAsync(api), ready => ready.Status == HttpStatusCode.OK)).Status);
        // A slow database: another writer holds the lock, so the create waits inside its handler.
        await using var writer = new SqliteConnection(database.ConnectionString);
        await writer.OpenAsync();
        await using var hold = writer.BeginTransaction(deferred: false);
        using var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", issuer.Bearer(MessageBoardApi.Write));
        var create = client.PostAsJsonAsync(MessageBoardApi.Route.TrimStart('/'), new { text = "stored across a shutdown" });
        await Task.Delay(1000);

        api.Terminate();
        var duringDrain = await Eventually.UntilAsync(() => ReadinessAsync(api), ready => ready.Status == HttpStatusCode.ServiceUnavailable, seconds: 2);
        var refusedAfterDrain = await Eventually.UntilAsync(() => RefusesConnectionsAsync(api), refused => refused, seconds: 10);
        var stillRunning = !create.IsCompleted;
        await hold.RollbackAsync();
        using var created = await create;
        var exitCode = await api.WaitForExitAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringDrain.Status);
        Assert.Equal("Unhealthy", duringDrain.Report.GetProperty("checks").GetProperty("shutdown").GetProperty("status").GetString());
        Assert.True(refusedAfterDrain);
        Assert.True(stillRunning);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{created.StatusCode}\n{api.Output}");
        Assert.Equal("stored across a shutdown", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString());
        Assert.Equal(0, exitCode);
        Assert.Contains("\"ShutdownStarted\"", api.Output, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Report)> ReadinessAsync(ApiProcess api)
    {
        // A new connection each time, as a load balancer's probe would make.
        using var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        client.DefaultRequestHeaders.ConnectionClose = true;
        try
        {
            using var response = await client.GetAsync("health/ready");
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return (0, default);
        }
    }

    private static async Task<bool> RefusesConnectionsAsync(ApiProcess api)
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync(IPAddress.Loopback, api.BaseAddress.Port);
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
