using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Messages.Features.MessageBoard;

public static class MessageBoardEndpoints
{
    /// <summary>The messages resource under <c>/api/messages</c>: read with <c>read:messages</c>, write with <c>write:messages</c>.</summary>
    public static RouteGroupBuilder MapMessageBoard(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/messages").WithTags("MessageBoard");
        ListMessages.Map(group);
        GetMessage.Map(group);
        CreateMessage.Map(group);
        DeleteMessage.Map(group);
        return group;
    }
}
