using System.Text.Json;
using Messages.Analyzers.Tests.Infrastructure;

namespace Messages.Analyzers.Tests.Build;

/// <summary>
/// The API's project as MSBuild reads it (docs/performance.md, "Start-up"): <c>dotnet publish</c>
/// (which sets <c>_IsPublishing</c>) precompiles it, ReadyToRun, for the SDK's own platform and
/// framework-dependent; a build or test run stays platform-neutral.
/// </summary>
[Collection(BuildCollection.Name)]
[Trait("Category", BuildCollection.Trait)]
public sealed class ApiPublishSettingsTests
{
    [Fact]
    public async Task Publish_IsReadyToRunForTheSdkPlatformAndFrameworkDependent()
    {
        var properties = await EvaluateAsync("-p:_IsPublishing=true", "-p:Configuration=Release");

        Assert.Equal("true", properties["PublishReadyToRun"]);
        Assert.NotEqual(string.Empty, properties["RuntimeIdentifier"]);
        Assert.Equal(properties["NETCoreSdkPortableRuntimeIdentifier"], properties["RuntimeIdentifier"]);
        Assert.Equal("false", properties["SelfContained"]);
    }

    [Fact]
    public async Task Build_HasNoRuntimeIdentifierAndNoReadyToRun()
    {
        var properties = await EvaluateAsync();

        Assert.Equal(string.Empty, properties["RuntimeIdentifier"]);
        Assert.NotEqual("true", properties["PublishReadyToRun"]);
    }

    private static async Task<Dictionary<string, string>> EvaluateAsync(params string[] settings)
    {
        string[] arguments =
        [
            "msbuild", "src/Messages.Api/Messages.Api.csproj", "-nodeReuse:false",
            "-getProperty:PublishReadyToRun", "-getProperty:RuntimeIdentifier", "-getProperty:SelfContained",
            "-getProperty:NETCoreSdkPortableRuntimeIdentifier", .. settings,
        ];
        var result = await Dotnet.RunAsync(RepositoryCopy.RepositoryRoot, arguments);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("Properties").EnumerateObject()
            .ToDictionary(property => property.Name, property => property.Value.GetString() ?? string.Empty);
    }
}
