namespace Messages.Api.Authentication;

/// <summary>The validated-token cache, from <c>Auth0:TokenCache</c>.</summary>
public sealed class TokenCacheSettings
{
    public const string SectionName = "Auth0:TokenCache";

    /// <summary>Off: every request pays the full validation (signature included).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>At most this many validated tokens are remembered.</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>An entry lives until the token's exp, and never longer than this.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longer tokens are validated every time.</summary>
    public int MaxTokenLength { get; set; } = 4096;

    /// <summary>
    /// The memory the entries may hold, in MiB, by <see cref="ValidatedTokenCache.Weigh"/>'s estimate:
    /// tokens fat with claims fill it before <see cref="MaxEntries"/> is reached.
    /// </summary>
    public int MaxMemoryMiB { get; set; } = 8;
}
