using Messages.Features.Idempotency;

namespace Messages.Features.MessageBoard;

/// <summary>
/// Where messages are kept. Implemented by the host over a real database; one instance serves every
/// request concurrently, so implementations hold no per-request state.
/// </summary>
public interface IMessageStore
{
    /// <summary>
    /// Stores <paramref name="message"/>. Given an acquired <paramref name="claim"/>, records the message as
    /// the claim's answer in the same transaction (and marks the claim completed), so a crash never leaves
    /// a stored message whose key a retry could take again; throws <see cref="IdempotencyError"/> and
    /// stores nothing when the claim's lock was lost.
    /// </summary>
    Task AddAsync(BoardMessage message, IdempotencyClaim? claim, CancellationToken cancellationToken);

    Task<BoardMessage?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="count"/> messages, newest first (by <c>CreatedAt</c>, then <c>Id</c>),
    /// strictly after <paramref name="after"/> in that order when given.
    /// </summary>
    Task<IReadOnlyList<BoardMessage>> ListAsync(MessageCursor? after, int count, CancellationToken cancellationToken);

    /// <summary>Deletes the message written by <paramref name="author"/>; false when no such message exists.</summary>
    Task<bool> DeleteAsync(string id, string author, CancellationToken cancellationToken);
}
