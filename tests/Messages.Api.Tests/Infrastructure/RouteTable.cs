using Messages.Features.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>One route of the mediator pipeline, with the requirement its request type declares.</summary>
public sealed record PipelineRoute(string Method, string Path, AuthRequirement Requirement);

public static class RouteTable
{
    /// <summary>Every endpoint that carries an <see cref="AuthRequirement"/>, as the running API mapped it.</summary>
    public static List<PipelineRoute> PipelineRoutes(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<AuthRequirement>() is not null)
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => new PipelineRoute(
                method,
                "/" + endpoint.RoutePattern.RawText!.Trim('/'),
                endpoint.Metadata.GetMetadata<AuthRequirement>()!)))];
}
