using System.Net;
using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Cors;

[Collection(ApiCollection.Name)]
public sealed class CorsTests(ApiFactory api)
{
    [Theory]
    [InlineData(AuthMatrix.Scoped, "GET", "Authorization,Content-Type")]
    [InlineData(MessageBoardApi.Route, "POST", "Authorization,Content-Type,Idempotency-Key")]
    public async Task Preflight_AllowedOrigin_SucceedsWithoutToken(string path, string method, string headers)
    {
        using var client = api.CreateClient(authorization: null);
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", ApiFactory.AllowedOrigin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers.ToLowerInvariant());

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(ApiFactory.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var allowedHeaders = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers"));
        Assert.All(headers.Split(','), header => Assert.Contains(header, allowedHeaders, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("write:messages", HttpStatusCode.Forbidden)]
    public async Task Get_RefusedFromAllowedOrigin_CarriesCorsHeaders(string? scope, HttpStatusCode expected)
    {
        using var client = api.CreateClient(scope is null ? null : $"Bearer {api.Issuer.CreateToken(new() { Scope = scope })}");
        using var request = new HttpRequestMessage(HttpMethod.Get, AuthMatrix.Scoped);
        request.Headers.Add("Origin", ApiFactory.AllowedOrigin);

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(ApiFactory.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("WWW-Authenticate", string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_UnlistedOrigin_GetsNoCorsHeaders()
    {
        using var client = api.CreateClient(authorization: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, AuthMatrix.Public);
        request.Headers.Add("Origin", "https://evil.example.com");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
