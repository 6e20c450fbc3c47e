using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>Calls to /api/messages with real tokens from a <see cref="TestIssuer"/>.</summary>
public static class MessageBoardApi
{
    public const string Route = "/api/messages";
    public const string Read = "read:messages";
    public const string Write = "write:messages";
    public const string ReadWrite = "read:messages write:messages";

    public static string Bearer(this TestIssuer issuer, string? scope, string subject = "auth0|alice") =>
        $"Bearer {issuer.CreateToken(new() { Scope = scope, Subject = subject })}";

    public static HttpClient WithAuthorization(this HttpClient client, string? authorization)
    {
        client.DefaultRequestHeaders.Remove("Authorization");
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        return client;
    }

    /// <summary>Creates a message as <paramref name="subject"/> and returns its JSON, failing the test on any other answer.</summary>
    public static async Task<JsonElement> CreateMessageAsync(HttpClient client, TestIssuer issuer, string text, string subject = "auth0|alice")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = JsonContent.Create(new { text }) };
        request.Headers.TryAddWithoutValidation("Authorization", issuer.Bearer(Write, subject));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Every message, following nextCursor page by page.</summary>
    public static async Task<List<JsonElement>> ListAllAsync(HttpClient client, TestIssuer issuer, int limit)
    {
        var messages = new List<JsonElement>();
        string? cursor = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Route}?limit={limit}" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
            request.Headers.TryAddWithoutValidation("Authorization", issuer.Bearer(Read));
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            messages.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return messages;
    }
}
