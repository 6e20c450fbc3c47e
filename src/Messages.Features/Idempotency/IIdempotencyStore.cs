namespace Messages.Features.Idempotency;

/// <summary>
/// Where idempotency keys and their answers are kept, shared by every instance of the API. The store
/// decides races between instances (its unique key on caller and key), expires keys and treats an
/// acquired key whose lock is older than its lock timeout as abandoned.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>Acquires the key for <paramref name="request"/>, or says what became of it.</summary>
    Task<IdempotencyClaim> ClaimAsync(IdempotentRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="answer"/> for an acquired claim not completed by the handler's own write.
    /// Throws <see cref="IdempotencyError"/> (in progress) when the lock was lost meanwhile.
    /// </summary>
    Task CompleteAsync(IdempotencyClaim claim, string answer, CancellationToken cancellationToken);

    /// <summary>Frees an acquired key after a failure, so a retry runs again; a no-op when the lock was lost.</summary>
    Task ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken);
}
