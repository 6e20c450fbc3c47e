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
    private const string ScopesBegin = "<!-- scopes:begin -->";
    private const string ScopesEnd = "<!-- scopes:end -->";

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

    [Fact]
    public void ScopeTable_ListsTheCatalogWithItsDescriptions()
    {
        var documented = Section(ScopesBegin, ScopesEnd)
            .Select(line => ScopeRow().Match(line))
            .Where(match => match.Success)
            .Select(match => $"{match.Groups["name"].Value}: {match.Groups["description"].Value.Trim()}")
            .ToList();

        Assert.Equal(Scopes.All.Select(scope => $"{scope.Name}: {scope.Description}"), documented);
    }

    [Fact]
    public void RouteTable_NamesOnlyCatalogScopes()
    {
        var named = Section(Begin, End)
            .Where(line => Row().IsMatch(line))
            .SelectMany(line => ScopeName().Matches(Row().Match(line).Groups["needs"].Value).Select(match => match.Groups[1].Value))
            .ToList();

        Assert.NotEmpty(named);
        Assert.All(named, scope => Assert.Contains(scope, Scopes.All.Select(defined => defined.Name)));
    }

    // The README's words for a requirement: "none", "any valid token", or the scopes in backticks.
    private static string Describe(AuthRequirement requirement) => requirement switch
    {
        { Kind: AuthRequirementKind.Public } => "none",
        { Scopes.Count: 0 } => "any valid token",
        _ => string.Join(' ', requirement.Scopes),
    };

    private static List<string> ReadmeRows() =>
        [.. Section(Begin, End)
            .Select(line => Row().Match(line))
            .Where(match => match.Success)
            .Select(match => $"{match.Groups["method"].Value} {match.Groups["path"].Value} -> {ScopesOf(match.Groups["needs"].Value)}")
            .Order(StringComparer.Ordinal)];

    private static string[] Section(string begin, string end)
    {
        var readme = File.ReadAllText(Path.Combine(TestHosts.RepositoryRoot(), "README.md"));
        var start = readme.IndexOf(begin, StringComparison.Ordinal);
        var stop = readme.IndexOf(end, StringComparison.Ordinal);
        Assert.True(start >= 0 && stop > start, $"README.md must hold a table between {begin} and {end}.");
        return readme[(start + begin.Length)..stop].Split('\n');
    }

    private static string ScopesOf(string needs)
    {
        var scopes = ScopeName().Matches(needs).Select(match => match.Groups[1].Value).ToList();
        return scopes.Count > 0 ? string.Join(' ', scopes) : needs.Trim();
    }

    [GeneratedRegex(@"^\|\s*`(?<method>[A-Z]+)`\s*\|\s*`(?<path>/[^`]*)`\s*\|(?<needs>[^|]*)\|")]
    private static partial Regex Row();

    [GeneratedRegex(@"^\|\s*`(?<name>[^`]+)`\s*\|(?<description>[^|]*)\|")]
    private static partial Regex ScopeRow();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex ScopeName();
}
