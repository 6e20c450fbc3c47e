namespace Messages.Features.Idempotency;

public enum IdempotencyErrorKind
{
    /// <summary>A request with the same key is still running: the host answers 409 with Retry-After.</summary>
    InProgress,

    /// <summary>The key was already used for a different request: the host answers 422.</summary>
    KeyReused,
}

/// <summary>Why a request made with an <c>Idempotency-Key</c> was not run. Codes are stable; details are fixed texts.</summary>
public sealed class IdempotencyError : Exception
{
    /// <summary>What a client waits before retrying a request whose key is in progress.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private IdempotencyError(IdempotencyErrorKind kind, string code, string detail)
        : base(detail)
    {
        Kind = kind;
        Code = code;
    }

    public IdempotencyErrorKind Kind { get; }

    public string Code { get; }

    public static IdempotencyError InProgress() => new(IdempotencyErrorKind.InProgress, "idempotency_key_in_progress",
        "A request with this Idempotency-Key is still being processed; retry it later.");

    public static IdempotencyError KeyReused() => new(IdempotencyErrorKind.KeyReused, "idempotency_key_reused",
        "This Idempotency-Key was already used for a different request.");
}
