using System.Text.RegularExpressions;
using Messages.Api.Tests.Infrastructure;
using Messages.Features.Authorization;

namespace Messages.Api.Tests.Docs;

/// <summary>The README's route table says what the request types' attributes say, row for row.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class ReadmeRouteTableTests(ApiFactory api)
{
    private const string Begin = "<!-- route-table:begin -->";
    private const string End = "<!-- route-table:end -->";

    [Fact]
    public void RouteTable_ListsEveryPipelineRouteWithItsScope()
    {
        var documented = ReadmeRows();

        var mapped = RouteTable.PipelineRoutes(api.Services)
            .Select(route => $"{route.Method} {route.Path} -> {Describe(route.Requirement)}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(mapped, documented);
    }

    [Fact]
    public void RouteTable_IncludesTheMessageRoutes()
    {
        var documented = ReadmeRows();

        Assert.Contains("POST /api/messages -> write:messages", documented);
        Assert.Contains("GET /api/messages/{id} -> read:messages", documented);
    }

    // The README's words for a requirement: "none", "any valid token", or the scopes in backticks.
    private static string Describe(AuthRequirement requirement) => requirement switch
    {
        { Kind: AuthRequirementKind.Public } => "none",
        { Scopes.Count: 0 } => "any valid token",
        _ => string.Join(' ', requirement.Scopes),
    };

    private static List<string> ReadmeRows()
    {
        var readme = File.ReadAllText(Path.Combine(TestHosts.RepositoryRoot(), "README.md"));
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md must hold the route table between {Begin} and {End}.");

        return [.. readme[(start + Begin.Length)..end]
            .Split('\n')
            .Select(line => Row().Match(line))
            .Where(match => match.Success)
            .Select(match => $"{match.Groups["method"].Value} {match.Groups["path"].Value} -> {Scopes(match.Groups["needs"].Value)}")
            .Order(StringComparer.Ordinal)];
    }

    private static string Scopes(string needs)
    {
        var scopes = ScopeName().Matches(needs).Select(match => match.Groups[1].Value).ToList();
        return scopes.Count > 0 ? string.Join(' ', scopes) : needs.Trim();
    }

    [GeneratedRegex(@"^\|\s*`(?<method>[A-Z]+)`\s*\|\s*`(?<path>/[^`]*)`\s*\|(?<needs>[^|]*)\|")]
    private static partial Regex Row();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex ScopeName();
}
