namespace Messages.Api.Storage;

/// <summary>How long <c>Idempotency-Key</c>s live: the <c>Idempotency</c> section.</summary>
public sealed class IdempotencySettings
{
    public const string SectionName = "Idempotency";

    /// <summary>A key and its answer are kept this long after the first request; then the key behaves as new.</summary>
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A key still in progress after this long is taken to be abandoned (its instance died), and a retry runs.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each instance deletes expired keys.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(15);
}
