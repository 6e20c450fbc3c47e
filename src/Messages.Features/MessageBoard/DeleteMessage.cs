using FluentValidation;
using Mediator;
using Messages.Features.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Messages.Features.MessageBoard;

public static class DeleteMessage
{
    [RequiresScope(Scopes.WriteMessages)]
    public sealed record Command(string Id) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(command => command.Id).ValidMessageId();
    }

    /// <summary>The scope lets a caller delete; the resource rule narrows it to their own messages.</summary>
    internal sealed class Handler(IMessageStore store, ICurrentUser currentUser) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var message = await store.FindAsync(command.Id, cancellationToken) ?? throw MessageErrors.NotFound();
            if (currentUser.Subject is not { } subject || !string.Equals(message.Author, subject, StringComparison.Ordinal))
            {
                throw MessageErrors.NotAuthor();
            }

            // Deleted by a concurrent request between the read and now: absent, as a repeat would find it.
            return await store.DeleteAsync(command.Id, subject, cancellationToken) ? Unit.Value : throw MessageErrors.NotFound();
        }
    }

    internal static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapDelete("/{id}", Endpoint).WithName(nameof(DeleteMessage)).ForRequest<Command>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<NoContent> Endpoint(string id, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new Command(id), cancellationToken);
        return TypedResults.NoContent();
    }
}
