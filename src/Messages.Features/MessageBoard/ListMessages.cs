using FluentValidation;
using Mediator;
using Messages.Features.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Messages.Features.MessageBoard;

public static class ListMessages
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    [RequiresScope(Scopes.ReadMessages)]
    public sealed record Query(int? Limit, string? Cursor) : IQuery<Response>;

    /// <summary>One page, newest first; <c>NextCursor</c> is null on the last page.</summary>
    public sealed record Response(IReadOnlyList<BoardMessage> Items, string? NextCursor);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(query => query.Limit).InclusiveBetween(1, MaxLimit)
                .WithMessage($"limit must be between 1 and {MaxLimit} (default {DefaultLimit}).");
            RuleFor(query => query.Cursor).Must(cursor => cursor is null || MessageCursor.TryDecode(cursor, out _))
                .WithMessage("cursor must be a nextCursor value from a previous page.");
        }
    }

    internal sealed class Handler(IMessageStore store) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = query.Limit ?? DefaultLimit;
            MessageCursor? after = MessageCursor.TryDecode(query.Cursor, out var cursor) ? cursor : null;

            // One row more than the page tells whether another page follows.
            var rows = await store.ListAsync(after, limit + 1, cancellationToken);
            var items = rows.Take(limit).ToList();
            var next = rows.Count > limit ? MessageCursor.After(items[^1]).Encode() : null;
            return new Response(items, next);
        }
    }

    internal static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet(string.Empty, Endpoint).WithName(nameof(ListMessages)).ForRequest<Query>().ProducesValidationProblem();

    private static async Task<Ok<Response>> Endpoint(int? limit, string? cursor, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new Query(limit, cursor), cancellationToken));
}
