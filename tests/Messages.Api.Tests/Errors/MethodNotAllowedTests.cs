using System.Net;
using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Errors;

/// <summary>A known path with a method it does not take answers 405 with Allow, with or without a token.</summary>
[Collection(ApiCollection.Name)]
public sealed class MethodNotAllowedTests(ApiFactory api)
{
    public static TheoryData<string, string, string> WrongMethods() => new()
    {
        { "POST", AuthMatrix.Public, "GET" },
        { "HEAD", AuthMatrix.Public, "GET" },
        { "DELETE", AuthMatrix.Private, "GET" },
        { "PUT", AuthMatrix.Scoped, "GET" },
        { "PATCH", MessageBoardApi.Route, "GET, POST" },
    };

    [Theory]
    [MemberData(nameof(WrongMethods))]
    public async Task Send_WrongMethodWithoutToken_Returns405WithAllow(string method, string path, string allow)
    {
        using var client = api.CreateClient(authorization: null);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await AssertMethodNotAllowedAsync(response, method, allow);
    }

    [Theory]
    [MemberData(nameof(WrongMethods))]
    public async Task Send_WrongMethodWithToken_Returns405WithAllow(string method, string path, string allow)
    {
        using var client = api.CreateClient(api.Issuer.Bearer("read:messages"));

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await AssertMethodNotAllowedAsync(response, method, allow);
    }

    private static async Task AssertMethodNotAllowedAsync(HttpResponseMessage response, string method, string allow)
    {
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        Assert.Empty(response.Headers.WwwAuthenticate);
        if (method != "HEAD")
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"status\":405", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
