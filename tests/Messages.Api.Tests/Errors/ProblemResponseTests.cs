using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Messages.Api.Tests.Infrastructure;
using Messages.Api.Tests.Security;

namespace Messages.Api.Tests.Errors;

[Collection(ApiCollection.Name)]
public sealed class ProblemResponseTests(ApiFactory api)
{
    [Fact]
    public async Task Get_NoToken_Returns401ProblemWithBareBearerChallenge()
    {
        using var client = api.CreateClient(authorization: null);

        using var response = await client.GetAsync(AuthMatrix.Private);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.2", problem.GetProperty("type").GetString());
        Assert.Equal("Unauthorized", problem.GetProperty("title").GetString());
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("Authorization header is expected.", problem.GetProperty("detail").GetString());
        Assert.Equal("authorization_header_missing", problem.GetProperty("code").GetString());
        Assert.Equal("Authorization header is expected.", problem.GetProperty("description").GetString());
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", problem.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task Get_ExpiredToken_Returns401WithInvalidTokenChallenge()
    {
        var token = api.Issuer.CreateToken(new() { NotBefore = TimeSpan.FromHours(-2) });
        using var client = api.CreateClient($"Bearer {token}");

        using var response = await client.GetAsync(AuthMatrix.Private);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            "Bearer error=\"invalid_token\", error_description=\"Token is expired.\"",
            Assert.Single(response.Headers.WwwAuthenticate).ToString());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("token_expired", problem.GetProperty("code").GetString());
        Assert.Equal("Token is expired.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Get_TokenWithoutScope_Returns403WithInsufficientScopeChallenge()
    {
        using var client = api.CreateClient($"Bearer {api.Issuer.CreateToken(new() { Scope = "write:messages" })}");

        using var response = await client.GetAsync(AuthMatrix.Scoped);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.StartsWith("error=\"insufficient_scope\", error_description=\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.EndsWith(", scope=\"read:messages\"", challenge.Parameter, StringComparison.Ordinal);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Forbidden", problem.GetProperty("title").GetString());
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal("insufficient_scope", problem.GetProperty("code").GetString());
        Assert.Contains("read:messages", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example.com/", null)]
    [InlineData(null, "https://evil.example.com/api")]
    public async Task Get_RejectedToken_NeverEchoesTokenContents(string? issuer, string? audience)
    {
        var token = api.Issuer.CreateToken(new() { Issuer = issuer, Audience = audience ?? TestIssuer.Audience, Subject = "auth0|mallory" });
        using var client = api.CreateClient($"Bearer {token}");

        using var response = await client.GetAsync(AuthMatrix.Private);
        var text = await response.Content.ReadAsStringAsync() + response.Headers.WwwAuthenticate;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("evil", text, StringComparison.Ordinal);
        Assert.DoesNotContain("mallory", text, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], text, StringComparison.Ordinal);
    }

    // Auth0's quickstart clients read {"code", "description"}: every denial carries both, description
    // being the same fixed text as detail.
    [Fact]
    public async Task Get_EveryDenialOfMatrixAndHostileSuite_CarriesDescriptionEqualToDetail()
    {
        var denials = AuthMatrix.Cases.Concat(HostileCases.Cases).Where(pair => pair.Value.Status is 401 or 403 or 503).ToList();
        var wrong = new List<string>();

        foreach (var (name, denial) in denials)
        {
            var context = await api.SendGetAsync(denial.PathFor(api.Issuer), denial.Authorization(api.Issuer), denial.Copies);
            using var problem = await JsonDocument.ParseAsync(context.Response.Body);
            var detail = problem.RootElement.GetProperty("detail").GetString();
            var description = problem.RootElement.TryGetProperty("description", out var value) ? value.GetString() : null;
            if (string.IsNullOrEmpty(detail) || description != detail || !problem.RootElement.TryGetProperty("code", out _))
            {
                wrong.Add($"{name}: {context.Response.StatusCode} detail={detail} description={description}");
            }
        }

        Assert.Empty(wrong);
        Assert.True(denials.Count > 80, $"{denials.Count} denials");
    }

    [Fact]
    public async Task Get_UnknownRoute_Returns404Problem()
    {
        using var client = api.CreateClient(authorization: null);

        using var response = await client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
