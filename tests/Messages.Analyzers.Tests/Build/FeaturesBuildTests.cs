using Messages.Analyzers.Tests.Infrastructure;

namespace Messages.Analyzers.Tests.Build;

/// <summary>
/// What a developer sees: the real `dotnet build` of Messages.Features (its analyzer reference as
/// committed) fails on a new request type that declares no caller, naming the rule and the line.
/// </summary>
[Collection(BuildCollection.Name)]
[Trait("Category", BuildCollection.Trait)]
public sealed class FeaturesBuildTests
{
    private const string UndeclaredSlice = """
        using Mediator;

        namespace Messages.Features.Probe;

        public static class GetProbe
        {
            public sealed record Query : IQuery<string>;

            internal sealed class Handler : IQueryHandler<Query, string>
            {
                public ValueTask<string> Handle(Query query, CancellationToken cancellationToken) => ValueTask.FromResult("probe");
            }
        }
        """;

    [Fact]
    public async Task Build_RequestWithoutAttribute_FailsWithMapi001AtTheType()
    {
        using var copy = RepositoryCopy.Of("src/Messages.Features", "src/Messages.Analyzers", "src/Messages.Analyzers.CodeFixes");
        Directory.CreateDirectory(copy.PathOf("src/Messages.Features/Probe"));
        await File.WriteAllTextAsync(copy.PathOf("src/Messages.Features/Probe/GetProbe.cs"), UndeclaredSlice);

        var result = await copy.DotnetAsync("build", "src/Messages.Features/Messages.Features.csproj", "-nodeReuse:false", "-v:q");

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("GetProbe.cs(7,26): error MAPI001: 'Query' is a mediator request but declares none of", result.Output, StringComparison.Ordinal);
    }
}
