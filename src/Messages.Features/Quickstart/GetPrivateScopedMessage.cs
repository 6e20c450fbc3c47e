using Mediator;
using Messages.Features.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Messages.Features.Quickstart;

public static class GetPrivateScopedMessage
{
    [RequiresScope(Scopes.ReadMessages)]
    public sealed record Query : IQuery<MessageResponse>;

    internal sealed class Handler : IQueryHandler<Query, MessageResponse>
    {
        private static readonly MessageResponse _response =
            new("Hello from a private endpoint! You need to be authenticated and have a scope of read:messages to see this.");

        public ValueTask<MessageResponse> Handle(Query query, CancellationToken cancellationToken) => ValueTask.FromResult(_response);
    }

    internal static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/private-scoped", Endpoint).WithName(nameof(GetPrivateScopedMessage)).ForRequest<Query>();

    private static async Task<Ok<MessageResponse>> Endpoint(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new Query(), cancellationToken));
}
