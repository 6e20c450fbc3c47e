using System.Net;
using System.Text.Json;
using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Logging;

/// <summary>The built API in Production writes its events to stdout as compact JSON (CLEF), one per line.</summary>
public sealed class ProductionOutputTests
{
    // From its own folder, and from another one (dotnet /opt/messages-api/Messages.Api.dll, a service
    // unit without a working directory): appsettings.json is read from the application's folder either way.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_Production_WritesRequestCompletedAsClefOnStdout(bool fromAnotherFolder)
    {
        var elsewhere = Directory.CreateTempSubdirectory("messages-api-cwd-");
        try
        {
            await using var api = ApiProcess.Start(ProcessSettings.UnreachableIssuer(), fromAnotherFolder ? elsewhere.FullName : null);

            await api.WaitUntilReadyAsync();
            using (var client = new HttpClient { BaseAddress = api.BaseAddress })
            {
                (await client.GetAsync("health/live")).Dispose();
                (await client.GetAsync("api/public")).Dispose();
            }

            var completion = await EventuallyAsync(() => Completions(api.Output).Cast<JsonElement?>().FirstOrDefault());

            Assert.True(completion.HasValue, $"no RequestCompleted line in:\n{api.Output}");
            var line = completion.Value;
            Assert.Equal("HTTP {RequestMethod} {Route} responded {StatusCode} in {Elapsed:0.0000} ms", line.GetProperty("@mt").GetString());
            Assert.Equal("RequestCompleted", line.GetProperty("EventId").GetProperty("Name").GetString());
            Assert.Equal("/api/public", line.GetProperty("Route").GetString());
            Assert.Equal("anonymous", line.GetProperty("AuthOutcome").GetString());
            Assert.Matches("^[0-9a-f]{32}$", line.GetProperty("@tr").GetString());
            Assert.Matches("^[0-9a-f]{16}$", line.GetProperty("@sp").GetString());
            // The shipped levels and quiet paths apply: no health probe, no ASP.NET Core Information event.
            Assert.DoesNotContain(Completions(api.Output), completed => completed.GetProperty("Route").GetString() == "/health/live");
            Assert.DoesNotContain("\"SourceContext\":\"Microsoft.AspNetCore.Hosting.Diagnostics\"", api.Output, StringComparison.Ordinal);
            Assert.Empty(elsewhere.EnumerateFileSystemInfos());
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    // The event waits in the sink's queue (flushed every ten minutes) until SIGTERM: only the shutdown drain
    // can write it, and it must come out whole, on its own line.
    [Fact]
    public async Task Terminate_AfterRequest_WritesTheLastRequestEventWithEveryField()
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var api = await ApiProcess.StartReadyAsync(issuer, new Dictionary<string, string>
        {
            ["Serilog__WriteTo__StandardOutput__Args__flushInterval"] = "00:10:00",
        });
        var token = issuer.CreateToken(new()
        {
            Scope = "read:messages",
            Subject = "auth0|last",
            Claims = new Dictionary<string, object> { ["azp"] = "client-last" },
        });
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/private-scoped") { Headers = { { "Authorization", $"Bearer {token}" } } };

        using var response = await client.SendAsync(request);
        await Task.Delay(500);
        var beforeTermination = Completions(api.Output).Count(IsLastRequest);
        var exitCode = await api.TerminateAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, beforeTermination);
        Assert.Equal(0, exitCode);
        var last = Assert.Single(Completions(api.Output), IsLastRequest);
        Assert.Equal(
            ["@mt", "@r", "@sp", "@t", "@tr", "AuthOutcome", "ClientId", "ConnectionId", "Elapsed", "EventId", "RequestId", "RequestMethod", "RequestName", "Route", "SourceContext", "StatusCode", "Subject"],
            last.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal));
        Assert.Equal("GET", last.GetProperty("RequestMethod").GetString());
        Assert.Equal(200, last.GetProperty("StatusCode").GetInt32());
        Assert.True(last.GetProperty("Elapsed").GetDouble() > 0);
        Assert.Equal("authenticated", last.GetProperty("AuthOutcome").GetString());
        Assert.Equal("GetPrivateScopedMessage", last.GetProperty("RequestName").GetString());
        Assert.Equal("client-last", last.GetProperty("ClientId").GetString());
        Assert.Equal(2000, last.GetProperty("EventId").GetProperty("Id").GetInt32());
        Assert.Equal("RequestCompleted", last.GetProperty("EventId").GetProperty("Name").GetString());
        Assert.Equal("Messages.Api.Logging.RequestCompletionMiddleware", last.GetProperty("SourceContext").GetString());
        Assert.False(string.IsNullOrEmpty(last.GetProperty("RequestId").GetString()));
        Assert.Matches("^[0-9a-f]{32}$", last.GetProperty("@tr").GetString());
    }

    private static bool IsLastRequest(JsonElement completion) =>
        completion.GetProperty("Route").GetString() == "/api/private-scoped" && completion.GetProperty("Subject").GetString() == "auth0|last";

    private static IEnumerable<JsonElement> Completions(string output)
    {
        foreach (var text in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!text.StartsWith('{'))
            {
                continue;
            }

            var line = JsonDocument.Parse(text).RootElement.Clone();
            if (line.TryGetProperty("EventId", out var eventId) && eventId.TryGetProperty("Id", out var id) && id.GetInt32() == 2000)
            {
                yield return line;
            }
        }
    }

    private static async Task<JsonElement?> EventuallyAsync(Func<JsonElement?> read)
    {
        for (var attempt = 0; attempt < 100 && read() is null; attempt++)
        {
            await Task.Delay(50);
        }

        return read();
    }
}
