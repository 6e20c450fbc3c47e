using FluentValidation;
using Mediator;
using Messages.Features.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Messages.Features.MessageBoard;

public static class GetMessage
{
    [RequiresScope(Scopes.ReadMessages)]
    public sealed record Query(string Id) : IQuery<BoardMessage>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(query => query.Id).ValidMessageId();
    }

    internal sealed class Handler(IMessageStore store) : IQueryHandler<Query, BoardMessage>
    {
        public async ValueTask<BoardMessage> Handle(Query query, CancellationToken cancellationToken) =>
            await store.FindAsync(query.Id, cancellationToken) ?? throw MessageErrors.NotFound();
    }

    internal static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/{id}", Endpoint).WithName(nameof(GetMessage)).ForRequest<Query>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<BoardMessage>> Endpoint(string id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new Query(id), cancellationToken));
}
