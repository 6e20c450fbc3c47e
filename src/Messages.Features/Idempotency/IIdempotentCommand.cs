namespace Messages.Features.Idempotency;

/// <summary>
/// A command that a client may retry safely with an <c>Idempotency-Key</c>: <see cref="IdempotencyBehavior{TMessage, TResponse}"/>
/// answers a repeat with the first answer instead of running the handler again. The endpoint puts the
/// header's value into the command; the command passes the <see cref="IdempotencyClaim"/> it is given on
/// to the store that writes its result, so the result and the key's answer are stored in one transaction.
/// </summary>
public interface IIdempotentCommand
{
    /// <summary>The <c>Idempotency-Key</c> header as sent (quoted or not), or null when the client sent none.</summary>
    string? IdempotencyKey { get; }

    /// <summary>The same command carrying the claim the handler runs under.</summary>
    IIdempotentCommand WithClaim(IdempotencyClaim claim);
}
