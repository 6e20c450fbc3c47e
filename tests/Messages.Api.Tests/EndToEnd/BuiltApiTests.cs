using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Messages.Api.Tests.Infrastructure;
using Messages.Api.Tests.Security;

namespace Messages.Api.Tests.EndToEnd;

/// <summary>
/// The built API as a process, configured only by environment variables, against a local issuer
/// serving discovery and JWKS: the whole matrix and the hostile suite over real HTTP and real Kestrel.
/// </summary>
public sealed class BuiltApiTests : IAsyncLifetime
{
    private TestIssuer _issuer = null!;

    public async Task InitializeAsync() => _issuer = await TestIssuer.StartAsync();

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    [Fact]
    public async Task Run_WithLocalAuthority_AnswersWholeMatrixOverRealHttp()
    {
        await using var api = await ApiProcess.StartReadyAsync(_issuer);
        using var client = new HttpClient { BaseAddress = api.BaseAddress };

        // Kestrel refuses headers over 32 KiB itself (431); TestServer has no such limit.
        var mismatches = await AuthMatrix.MismatchesAsync(client, _issuer,
            (name, matrixCase) => name.StartsWith("huge token", StringComparison.Ordinal) ? 431 : matrixCase.Status);

        Assert.Empty(mismatches);
    }

    // Kestrel may refuse a request itself (400; 431 for over-long headers) and HttpClient refuses to
    // send some headers (non-ASCII); every other answer must be the one the in-process suite expects.
    [Fact]
    public async Task Run_HostileSuiteOverRealHttp_AnswersAsExpectedOrIsRefusedByKestrel()
    {
        await using var api = await ApiProcess.StartReadyAsync(_issuer);
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        var mismatches = new List<string>();
        var answered = 0;

        foreach (var (name, hostile) in HostileCases.Cases)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, hostile.PathFor(_issuer).TrimStart('/'));
            for (var copy = 0; hostile.Authorization(_issuer) is { } authorization && copy < hostile.Copies; copy++)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (HttpRequestException)
            {
                continue;
            }

            using (response)
            {
                answered++;
                var answer = await AuthAnswer.ReadAsync(response);
                var refusedByKestrel = answer.Status is 400 or 431 && answer.Code is null;
                if (!refusedByKestrel && (answer.Status, answer.Code) != (hostile.Status, hostile.Code))
                {
                    mismatches.Add($"{name}: {answer}");
                }
            }
        }

        Assert.Empty(mismatches);
        Assert.True(answered > HostileCases.Cases.Count * 9 / 10, $"{answered} answered");
    }

    [Fact]
    public async Task Run_ProductionWithoutSettings_ExitsNamingTheKeys()
    {
        await using var api = ApiProcess.Start(new Dictionary<string, string>());

        var exitCode = await api.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Auth0:Domain", api.Output, StringComparison.Ordinal);
        Assert.Contains("Auth0:Audience", api.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Auth0__Authority", "http://127.0.0.1:5999/", "Auth0:RequireHttpsMetadata")]
    [InlineData("Auth0__Domain", "example.auth0.com/tenant", "Auth0:Domain")]
    [InlineData("Auth0__Algorithms__0", "HS256", "Auth0:Algorithms")]
    [InlineData("Storage__Provider", "PostgreSql", "ConnectionStrings:Messages")]
    [InlineData("Auth0__KeyCacheLifetime", "00:01:00", "Auth0:KeyCacheLifetime")]
    [InlineData("Auth0__KeyRefreshThrottle", "00:00:00", "Auth0:KeyRefreshThrottle")]
    public async Task Run_InvalidSetting_ExitsNamingTheKey(string variable, string value, string key)
    {
        var environment = new Dictionary<string, string> { ["Auth0__Domain"] = "example.auth0.com", ["Auth0__Audience"] = "api" };
        environment[variable] = value;
        await using var api = ApiProcess.Start(environment);

        var exitCode = await api.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains(key, api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CreateWithBodyOverLimit_Answers413ProblemFromKestrel()
    {
        await using var api = await ApiProcess.StartReadyAsync(_issuer);
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", _issuer.Bearer(MessageBoardApi.Write));
        var body = JsonSerializer.Serialize(new { text = new string('x', 20_000) });

        using var tooLarge = await client.PostAsync("api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        using var created = await client.PostAsJsonAsync("api/messages", new { text = "fits" });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}
