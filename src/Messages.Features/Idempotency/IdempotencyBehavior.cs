using System.Text.Json;
using Mediator;
using Messages.Features.Authorization;
using Messages.Features.Errors;

namespace Messages.Features.Idempotency;

/// <summary>
/// Makes an <see cref="IIdempotentCommand"/> sent with a key safe to retry: the first request acquires the
/// key (scoped to the caller's <c>sub</c>) and runs; a repeat gets the stored answer without running
/// again; the same key with another request is refused, and so is a repeat while the first still runs.
/// A failure releases the key. Runs after authorization and validation, so a refused or invalid request
/// never takes a key.
/// </summary>
public sealed class IdempotencyBehavior<TMessage, TResponse>(IIdempotencyStore store, ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        message is IIdempotentCommand { IdempotencyKey: { } header } command
            ? HandleWithKey(message, command, header, next, cancellationToken)
            : next(message, cancellationToken);

    private async ValueTask<TResponse> HandleWithKey(
        TMessage message, IIdempotentCommand command, string header, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // Validation ran before: a header that reaches here is a valid key.
        if (!IdempotencyKeys.TryParse(header, out var key))
        {
            throw new InvalidOperationException($"{IdempotencyKeys.HeaderName} reached the idempotency behavior unvalidated.");
        }

        // Keys are per caller: without a subject one caller could replay another's answer.
        var scope = currentUser.Subject ?? throw ResourceError.Forbidden(
            "subject_missing", "The access token has no subject (sub) to scope the Idempotency-Key to.");
        var claim = await store.ClaimAsync(IdempotentRequest.For(message, scope, key), cancellationToken);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Completed:
                return JsonSerializer.Deserialize<TResponse>(claim.Answer!, IdempotencyClaim.AnswerOptions)!;
            case IdempotencyOutcome.InProgress:
                throw IdempotencyError.InProgress();
            case IdempotencyOutcome.KeyReused:
                throw IdempotencyError.KeyReused();
        }

        TResponse response;
        try
        {
            response = await next((TMessage)command.WithClaim(claim), cancellationToken);
        }
        catch
        {
            // Not cancellable: the client may be gone, but the key must not stay locked until the timeout.
            await store.ReleaseAsync(claim, CancellationToken.None);
            throw;
        }

        // A handler whose store did not record the answer with its write: recorded now, right after.
        if (!claim.IsCompleted)
        {
            await store.CompleteAsync(claim, IdempotencyClaim.SerializeAnswer(response), CancellationToken.None);
        }

        return response;
    }
}
