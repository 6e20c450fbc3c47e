using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Messages.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Messages.Api.Tests.Storage;

/// <summary>
/// The storage scenarios, written once and run against each provider by <see cref="SqliteStorageTests"/>
/// and <see cref="PostgreSqlStorageTests"/>: hosts of their own over HTTP with real tokens, each on a
/// new, empty database.
/// </summary>
internal static class StorageScenarios
{
    public const int ParallelCreates = 200;

    public static async Task MessagesSurviveRestartAsync(string provider)
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        JsonElement created;
        await using (var first = Host(issuer, database))
        {
            using var client = first.CreateClient();
            created = await MessageBoardApi.CreateMessageAsync(client, issuer, "still here after a restart");
        }

        await using var second = Host(issuer, database);
        using var restarted = second.CreateClient().WithAuthorization(issuer.Bearer(MessageBoardApi.Read));

        using var response = await restarted.GetAsync($"{MessageBoardApi.Route}/{created.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(created.GetRawText(), (await response.Content.ReadFromJsonAsync<JsonElement>()).GetRawText());
        Assert.Single(await MessageBoardApi.ListAllAsync(restarted, issuer, limit: 10));
    }

    public static async Task ParallelCreatesAreAllStoredAsync(string provider)
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = Host(issuer, database);
        using var client = host.CreateClient();

        var created = await Task.WhenAll(Enumerable.Range(0, ParallelCreates).Select(i =>
            Task.Run(() => MessageBoardApi.CreateMessageAsync(client, issuer, $"parallel {i}", subject: $"auth0|caller-{i}"))));

        var listed = await MessageBoardApi.ListAllAsync(client, issuer, limit: 100);
        Assert.Equal(ParallelCreates, listed.Count);
        Assert.Equal(Ids(created).Order(StringComparer.Ordinal), Ids(listed).Order(StringComparer.Ordinal));
        Assert.Equal(ParallelCreates, listed.Select(message => message.GetProperty("author").GetString()).Distinct().Count());
    }

    public static async Task InstancesStartingTogetherShareOneDatabaseAsync(string provider)
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = Host(issuer, database);
        await using var second = Host(issuer, database);

        // Both start (and migrate) at once, as instances behind a load balancer would.
        var clients = await Task.WhenAll(Task.Run(() => first.CreateClient()), Task.Run(() => second.CreateClient()));
        var created = await MessageBoardApi.CreateMessageAsync(clients[0], issuer, "written by the first instance");
        using var reader = clients[1].WithAuthorization(issuer.Bearer(MessageBoardApi.ReadWrite));
        using var read = await reader.GetAsync($"{MessageBoardApi.Route}/{created.GetProperty("id").GetString()}");
        using var deleted = await reader.DeleteAsync($"{MessageBoardApi.Route}/{created.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await MessageBoardApi.ListAllAsync(clients[0], issuer, limit: 10));
    }

    private static WebApplicationFactory<Program> Host(TestIssuer issuer, TestDatabase database) =>
        TestHosts.Create("Production", new Dictionary<string, string>(database.Settings)
        {
            ["Auth0:Authority"] = issuer.Issuer,
            ["Auth0:Audience"] = TestIssuer.Audience,
            ["Auth0:RequireHttpsMetadata"] = "false",
        });

    private static IEnumerable<string> Ids(IEnumerable<JsonElement> messages) =>
        messages.Select(message => message.GetProperty("id").GetString()!);
}
