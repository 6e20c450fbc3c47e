using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.MessageBoard;

/// <summary>The four routes against every kind of caller, with real signed tokens validated by JwtBearer.</summary>
[Collection(ApiCollection.Name)]
public sealed class MessageAuthorizationTests(ApiFactory api)
{
    public static TheoryData<string, string, string?, int, string?> Matrix()
    {
        var data = new TheoryData<string, string, string?, int, string?>();
        foreach (var route in new[] { "list", "get", "create", "delete" })
        {
            data.Add(route, "no token", null, 401, "authorization_header_missing");
            data.Add(route, "garbage token", null, 401, "invalid_header");
            data.Add(route, "no scope", string.Empty, 403, "insufficient_scope");
        }

        data.Add("list", "read", MessageBoardApi.Read, 200, null);
        data.Add("list", "write", MessageBoardApi.Write, 403, "insufficient_scope");
        data.Add("list", "READ:MESSAGES", "READ:MESSAGES", 403, "insufficient_scope");
        data.Add("get", "read", MessageBoardApi.Read, 200, null);
        data.Add("get", "write", MessageBoardApi.Write, 403, "insufficient_scope");
        data.Add("create", "read", MessageBoardApi.Read, 403, "insufficient_scope");
        data.Add("create", "write", MessageBoardApi.Write, 201, null);
        data.Add("create", "write:messagesX", "write:messagesX", 403, "insufficient_scope");
        data.Add("delete", "read", MessageBoardApi.Read, 403, "insufficient_scope");
        data.Add("delete", "write", MessageBoardApi.Write, 204, null);
        data.Add("delete", "read and write", MessageBoardApi.ReadWrite, 204, null);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Route_Caller_AnswersExpectedStatusAndCode(string route, string caller, string? scope, int status, string? code)
    {
        using var client = api.CreateClient(authorization: null);
        var existing = await MessageBoardApi.CreateMessageAsync(client, api.Issuer, $"target for {route} by {caller}");
        var authorization = caller switch
        {
            "no token" => null,
            "garbage token" => "Bearer invalidToken",
            _ => api.Issuer.Bearer(scope),
        };
        using var request = Request(route, existing.GetProperty("id").GetString()!);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        if (code is not null)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
    }

    [Theory]
    [InlineData("list", "read:messages")]
    [InlineData("get", "read:messages")]
    [InlineData("create", "write:messages")]
    [InlineData("delete", "write:messages")]
    public async Task Route_TokenWithoutScope_ChallengeNamesTheRequiredScope(string route, string requiredScope)
    {
        using var client = api.CreateClient(authorization: null);
        using var request = Request(route, "0192f1c4-5b7e-7cc3-a1d2-3e4f5a6b7c8d");
        request.Headers.TryAddWithoutValidation("Authorization", api.Issuer.Bearer("openid"));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"scope=\"{requiredScope}\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Request(string route, string id) => route switch
    {
        "list" => new HttpRequestMessage(HttpMethod.Get, MessageBoardApi.Route),
        "get" => new HttpRequestMessage(HttpMethod.Get, $"{MessageBoardApi.Route}/{id}"),
        "create" => new HttpRequestMessage(HttpMethod.Post, MessageBoardApi.Route) { Content = JsonContent.Create(new { text = "hello" }) },
        "delete" => new HttpRequestMessage(HttpMethod.Delete, $"{MessageBoardApi.Route}/{id}"),
        _ => throw new ArgumentOutOfRangeException(nameof(route)),
    };
}
