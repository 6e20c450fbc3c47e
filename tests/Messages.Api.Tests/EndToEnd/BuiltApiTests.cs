using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.EndToEnd;

/// <summary>
/// The built API as a process, configured only by environment variables, against a local issuer
/// serving discovery and JWKS: the whole matrix over real HTTP and real Kestrel.
/// </summary>
public sealed class BuiltApiTests : IAsyncLifetime
{
    private TestIssuer _issuer = null!;

    public async Task InitializeAsync() => _issuer = await TestIssuer.StartAsync();

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    [Fact]
    public async Task Run_WithLocalAuthority_AnswersWholeMatrixOverRealHttp()
    {
        await using var api = ApiProcess.Start(new Dictionary<string, string>
        {
            ["Auth0__Authority"] = _issuer.Issuer,
            ["Auth0__Audience"] = TestIssuer.Audience,
            ["Auth0__RequireHttpsMetadata"] = "false",
        });
        await api.WaitUntilReadyAsync();
        using var client = new HttpClient { BaseAddress = api.BaseAddress };

        // Kestrel refuses headers over 32 KiB itself (431); TestServer has no such limit.
        var mismatches = await AuthMatrix.MismatchesAsync(client, _issuer,
            (name, matrixCase) => name.StartsWith("huge token", StringComparison.Ordinal) ? 431 : matrixCase.Status);

        Assert.Empty(mismatches);
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
    public async Task Run_InvalidSetting_ExitsNamingTheKey(string variable, string value, string key)
    {
        var environment = new Dictionary<string, string> { ["Auth0__Domain"] = "example.auth0.com", ["Auth0__Audience"] = "api" };
        environment[variable] = value;
        await using var api = ApiProcess.Start(environment);

        var exitCode = await api.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains(key, api.Output, StringComparison.Ordinal);
    }
}
