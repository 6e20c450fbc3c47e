using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Messages.Features.Quickstart;

public static class QuickstartEndpoints
{
    /// <summary>The quickstart's three routes under <c>/api</c>.</summary>
    public static RouteGroupBuilder MapQuickstart(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Quickstart");
        GetPublicMessage.Map(group);
        GetPrivateMessage.Map(group);
        GetPrivateScopedMessage.Map(group);
        return group;
    }
}
