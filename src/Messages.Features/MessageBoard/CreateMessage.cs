using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Messages.Features.Authorization;
using Messages.Features.Idempotency;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Messages.Features.MessageBoard;

public static class CreateMessage
{
    /// <summary>Bodies larger than this are refused with 413 before they are read; a valid body is far smaller.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    /// <summary>The body: <c>{"text": "..."}</c>. The author is the caller, never a field of the body.</summary>
    [RequiresScope("write:messages")]
    public sealed record Command(string? Text) : ICommand<BoardMessage>, IIdempotentCommand
    {
        /// <summary>From the <c>Idempotency-Key</c> header, never from the body.</summary>
        [JsonIgnore]
        public string? IdempotencyKey { get; init; }

        /// <summary>Given by the idempotency behavior, so the store records the answer with the message.</summary>
        [JsonIgnore]
        public IdempotencyClaim? Claim { get; init; }

        IIdempotentCommand IIdempotentCommand.WithClaim(IdempotencyClaim claim) => this with { Claim = claim };
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(command => command.Text).ValidMessageText();
            RuleFor(command => command.IdempotencyKey).ValidIdempotencyKey();
        }
    }

    internal sealed class Handler(IMessageStore store, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command, BoardMessage>
    {
        public async ValueTask<BoardMessage> Handle(Command command, CancellationToken cancellationToken)
        {
            var author = currentUser.Subject ?? throw MessageErrors.NoSubject();
            // Whole milliseconds: what the database keeps, so the answer equals what a later read returns.
            var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
            var message = new BoardMessage(MessageId.New(createdAt), command.Text!.Trim(), author, createdAt);
            await store.AddAsync(message, command.Claim, cancellationToken);
            return message;
        }
    }

    internal static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost(string.Empty, Endpoint).WithName(nameof(CreateMessage)).ForRequest<Command>()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    // The header is read here and handed on as data: the pipeline never sees HTTP.
    private static async Task<Created<BoardMessage>> Endpoint(
        Command command, [FromHeader(Name = IdempotencyKeys.HeaderName)] string? idempotencyKey, ISender sender, LinkGenerator links,
        CancellationToken cancellationToken)
    {
        var message = await sender.Send(command with { IdempotencyKey = idempotencyKey, Claim = null }, cancellationToken);
        return TypedResults.Created(links.GetPathByName(nameof(GetMessage), new { id = message.Id }), message);
    }
}
