using System.Text.Json;

namespace Messages.Features.Idempotency;

public enum IdempotencyOutcome
{
    /// <summary>The key is this request's: run it, then store its answer (or release the key on failure).</summary>
    Acquired,

    /// <summary>A request with this key and the same fingerprint completed before: <see cref="IdempotencyClaim.Answer"/> is its answer.</summary>
    Completed,

    /// <summary>A request with this key is still running (on this or another instance).</summary>
    InProgress,

    /// <summary>The key was used for a different request (another fingerprint).</summary>
    KeyReused,
}

/// <summary>
/// What <see cref="IIdempotencyStore.ClaimAsync"/> found for a key. An acquired claim holds a lock token:
/// only the holder may complete or release the key, and a claim taken over after the lock timeout
/// (its instance died) can no longer complete, so a create is never stored twice.
/// </summary>
public sealed class IdempotencyClaim
{
    /// <summary>How answers are kept: the JSON of the handler's response, read back into the same type.</summary>
    public static readonly JsonSerializerOptions AnswerOptions = new(JsonSerializerDefaults.Web);

    private IdempotencyClaim(IdempotentRequest request, IdempotencyOutcome outcome, string? lockToken, string? answer)
    {
        Request = request;
        Outcome = outcome;
        LockToken = lockToken;
        Answer = answer;
    }

    public IdempotentRequest Request { get; }

    public IdempotencyOutcome Outcome { get; }

    /// <summary>Set when <see cref="Outcome"/> is <see cref="IdempotencyOutcome.Acquired"/>.</summary>
    public string? LockToken { get; }

    /// <summary>The stored answer (JSON) when <see cref="Outcome"/> is <see cref="IdempotencyOutcome.Completed"/>.</summary>
    public string? Answer { get; }

    /// <summary>True once the store recorded this claim's answer.</summary>
    public bool IsCompleted { get; private set; }

    public static IdempotencyClaim Acquired(IdempotentRequest request, string lockToken) => new(request, IdempotencyOutcome.Acquired, lockToken, null);

    public static IdempotencyClaim Completed(IdempotentRequest request, string answer) => new(request, IdempotencyOutcome.Completed, null, answer);

    public static IdempotencyClaim InProgress(IdempotentRequest request) => new(request, IdempotencyOutcome.InProgress, null, null);

    public static IdempotencyClaim KeyReused(IdempotentRequest request) => new(request, IdempotencyOutcome.KeyReused, null, null);

    /// <summary>The answer to store for <paramref name="response"/>.</summary>
    public static string SerializeAnswer<TResponse>(TResponse response) => JsonSerializer.Serialize(response, AnswerOptions);

    /// <summary>Called by the store once the answer is committed.</summary>
    public void MarkCompleted() => IsCompleted = true;
}
