using System.Net;
using Messages.Api.DevelopmentIssuer;
using Messages.Api.Tests.Infrastructure;
using Messages.Features.Authorization;

namespace Messages.Api.Tests.DevelopmentIssuer;

/// <summary>
/// The day-one path as a newcomer runs it: the built API in Development with no issuer configured,
/// tokens from its token command, real HTTP. The key lives in a temporary folder.
/// </summary>
public sealed class TokenCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("messages-dev-issuer-").FullName;

    private Dictionary<string, string> Development => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["DevelopmentIssuer__KeyPath"] = Path.Combine(_directory, "key.pem"),
    };

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Token_FromCommand_IsAcceptedByRunningApi()
    {
        var scoped = await TokenAsync("--scope", "read:messages");
        var plain = await TokenAsync();
        await using var api = ApiProcess.Start(Development);
        await api.WaitUntilReadyAsync();
        using var client = new HttpClient { BaseAddress = api.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "api/private", plain));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "api/private-scoped", scoped));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(client, "api/private-scoped", plain));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "api/private", null));
        Assert.Contains("Development issuer active", api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_AfterRestart_IsStillAccepted()
    {
        var token = await TokenAsync("--permission", "read:messages");
        await using (var first = ApiProcess.Start(Development))
        {
            await first.WaitUntilReadyAsync();
            using var client = new HttpClient { BaseAddress = first.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "api/private-scoped", token));
        }

        await using var second = ApiProcess.Start(Development);
        await second.WaitUntilReadyAsync();
        using var again = new HttpClient { BaseAddress = second.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(again, "api/private-scoped", token));
    }

    [Fact]
    public async Task Token_OutsideDevelopment_IsRefused()
    {
        var environment = Development;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var (exitCode, output, error) = await ApiProcess.RunAsync(["token"], environment);

        Assert.Equal(1, exitCode);
        Assert.Empty(output.Trim());
        Assert.Contains("only in Development", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "key.pem")));
    }

    [Fact]
    public async Task Token_WithConfiguredIssuer_IsRefused()
    {
        var environment = Development;
        environment["Auth0__Domain"] = "example.auth0.com";

        var (exitCode, _, error) = await ApiProcess.RunAsync(["token"], environment);

        Assert.Equal(1, exitCode);
        Assert.Contains("development issuer is off", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsEveryScopeOfTheCatalog()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = TokenCommand.Run(["token", "--help"], output, error);

        Assert.Equal(0, exitCode);
        var lines = output.ToString().Split('\n').Select(line => line.Trim()).ToList();
        Assert.All(Scopes.All, scope => Assert.Contains(lines, line =>
            line.StartsWith(scope.Name + " ", StringComparison.Ordinal) && line.EndsWith(scope.Description, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("--lifetime", "0")]
    [InlineData("--colour", "blue")]
    [InlineData("--scope")]
    public async Task Token_BadOption_ExitsWithUsage(params string[] options)
    {
        var (exitCode, output, error) = await ApiProcess.RunAsync(["token", .. options], Development);

        Assert.Equal(2, exitCode);
        Assert.Empty(output.Trim());
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    private async Task<string> TokenAsync(params string[] options)
    {
        var (exitCode, output, error) = await ApiProcess.RunAsync(["token", .. options], Development);
        Assert.True(exitCode == 0, error);
        var token = output.Trim();
        Assert.Equal(3, token.Split('.').Length);
        return token;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
