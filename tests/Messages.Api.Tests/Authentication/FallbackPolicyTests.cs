using System.Security.Claims;
using Messages.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Messages.Api.Tests.Authentication;

/// <summary>The API's own fallback policy, evaluated by the real authorization service.</summary>
[Collection(ApiCollection.Name)]
public sealed class FallbackPolicyTests(ApiFactory api)
{
    [Fact]
    public async Task Fallback_AnonymousCallerOnEndpointOutsidePipeline_IsRefused()
    {
        var allowed = await AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), WithEndpoint());

        Assert.False(allowed);
    }

    [Fact]
    public async Task Fallback_AuthenticatedCallerOnEndpointOutsidePipeline_IsAllowed()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "auth0|alice")], authenticationType: "Bearer"));

        var allowed = await AuthorizeAsync(user, WithEndpoint());

        Assert.True(allowed);
    }

    [Fact]
    public async Task Fallback_UnknownPath_IsLeftToRouting()
    {
        var allowed = await AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), new DefaultHttpContext());

        Assert.True(allowed);
    }

    private static DefaultHttpContext WithEndpoint()
    {
        var httpContext = new DefaultHttpContext();
        httpContext.SetEndpoint(new Endpoint(_ => Task.CompletedTask, EndpointMetadataCollection.Empty, "unmarked endpoint"));
        return httpContext;
    }

    private async Task<bool> AuthorizeAsync(ClaimsPrincipal user, HttpContext httpContext)
    {
        var policy = await api.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();
        var result = await api.Services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, httpContext, policy!);
        return result.Succeeded;
    }
}
