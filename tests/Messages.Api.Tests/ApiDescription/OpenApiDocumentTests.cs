using System.Net.Http.Json;
using System.Text.Json;
using Messages.Api.Tests.Infrastructure;
using Messages.Features.Authorization;

namespace Messages.Api.Tests.ApiDescription;

/// <summary>The OpenAPI document, parsed, against the request types' attributes.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiFactory api)
{
    [Fact]
    public async Task Document_DeclaresBearerScheme()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal("JWT", scheme.GetProperty("bearerFormat").GetString());
    }

    [Fact]
    public async Task Document_ListsTheScopeCatalogWithDescriptions()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        var listed = scheme.GetProperty("x-scopes").EnumerateObject().Select(scope => (scope.Name, scope.Value.GetString())).ToList();

        Assert.Equal(Scopes.All.Select(scope => (scope.Name, (string?)scope.Description)), listed);
        Assert.All(Scopes.All, scope => Assert.Contains($"`{scope.Name}`: {scope.Description}", scheme.GetProperty("description").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Document_RequiresOnlyCatalogScopes()
    {
        var document = await DocumentAsync();

        var required = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject())
            .Where(operation => operation.Value.TryGetProperty("security", out _))
            .SelectMany(operation => operation.Value.GetProperty("security").EnumerateArray())
            .SelectMany(requirement => requirement.GetProperty("Bearer").EnumerateArray().Select(scope => scope.GetString()))
            .Distinct()
            .ToList();

        Assert.NotEmpty(required);
        Assert.All(required, scope => Assert.Contains(scope, Scopes.All.Select(defined => defined.Name)));
    }

    [Fact]
    public async Task Document_DescribesEveryPipelineEndpoint()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");

        var endpoints = PipelineEndpoints();

        Assert.Equal(7, endpoints.Count);
        Assert.All(endpoints, endpoint =>
            Assert.True(paths.TryGetProperty(endpoint.Path, out var path) && path.TryGetProperty(endpoint.Method, out _), $"{endpoint.Method} {endpoint.Path}"));
    }

    [Fact]
    public async Task Document_SecurityRequirementsMatchAttributes()
    {
        var document = await DocumentAsync();

        foreach (var (method, path, requirement) in PipelineEndpoints())
        {
            var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
            var responses = operation.GetProperty("responses");
            if (requirement.Kind == AuthRequirementKind.Public)
            {
                Assert.False(operation.TryGetProperty("security", out _), path);
                Assert.False(responses.TryGetProperty("401", out _), path);
                continue;
            }

            var security = Assert.Single(operation.GetProperty("security").EnumerateArray());
            var scopes = security.GetProperty("Bearer").EnumerateArray().Select(scope => scope.GetString()!).ToList();
            Assert.Equal(requirement.Scopes, scopes);
            Assert.Equal("#/components/schemas/ProblemDetails", ProblemSchema(responses, "401"));
            Assert.Equal(requirement.Scopes.Count > 0, responses.TryGetProperty("403", out _));
        }
    }

    [Fact]
    public async Task Document_ScopedRouteRequiresReadMessages()
    {
        var document = await DocumentAsync();

        var security = document.GetProperty("paths").GetProperty("/api/private-scoped").GetProperty("get").GetProperty("security");

        Assert.Equal("read:messages", security[0].GetProperty("Bearer")[0].GetString());
        Assert.Equal("#/components/schemas/ProblemDetails", ProblemSchema(
            document.GetProperty("paths").GetProperty("/api/private-scoped").GetProperty("get").GetProperty("responses"), "403"));
    }

    [Fact]
    public async Task Document_CreateMessage_DescribesIdempotencyKeyAndItsAnswers()
    {
        var document = await DocumentAsync();

        var create = document.GetProperty("paths").GetProperty("/api/messages").GetProperty("post");

        var header = Assert.Single(create.GetProperty("parameters").EnumerateArray(), parameter => parameter.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("header", header.GetProperty("in").GetString());
        Assert.False(header.TryGetProperty("required", out var required) && required.GetBoolean());
        Assert.Contains("retry", header.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.NotNull(ProblemSchema(create.GetProperty("responses"), "409"));
        Assert.NotNull(ProblemSchema(create.GetProperty("responses"), "422"));
    }

    private static string? ProblemSchema(JsonElement responses, string status) =>
        responses.GetProperty(status).GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = api.CreateClient(authorization: null);
        return await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    private List<(string Method, string Path, AuthRequirement Requirement)> PipelineEndpoints() =>
        [.. RouteTable.PipelineRoutes(api.Services)
            .Select(route => (route.Method.ToLowerInvariant(), route.Path, route.Requirement))];
}
