using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Authentication;

/// <summary>
/// Remembers successful token validations so that a client reusing its access token pays a hash and a
/// lookup instead of an RSA signature check. Keyed by the SHA-256 of the token (the token itself is
/// never kept). An entry is used only while the token's exp has not passed, within
/// <see cref="TokenCacheSettings.MaxLifetime"/> of its validation, and while the key that verified
/// its signature is still among the issuer's current signing keys. Failures are never cached.
/// An entry keeps a compact copy of the validated claims, not the parsed token; the cache is bounded
/// both by <see cref="TokenCacheSettings.MaxEntries"/> and by <see cref="TokenCacheSettings.MaxMemoryMiB"/>,
/// each entry weighed by <see cref="Weigh"/>.
/// </summary>
public sealed class ValidatedTokenCache
{
    private readonly ConcurrentDictionary<TokenDigest, Entry> _entries = new();
    private readonly TokenCacheSettings _settings;
    private readonly TimeProvider _time;
    private readonly long _maxWeight;
    private int _count;
    private long _weight;
    private long _hits;
    private long _nextPruneTicks;

    public ValidatedTokenCache(IOptions<TokenCacheSettings> settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.Value;
        _time = time;
        _maxWeight = (long)_settings.MaxMemoryMiB * 1024 * 1024;
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>The estimated memory held by the entries, in bytes (see <see cref="Weigh"/>); at most MaxMemoryMiB.</summary>
    public long Weight => Interlocked.Read(ref _weight);

    /// <summary>How many validations the cache has answered.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>
    /// The validation of a token seen before, or false when it must be validated in full. An entry is
    /// used only while the key that verified it is among <paramref name="currentKeys"/>, the issuer's
    /// current keys, which are asked for only once an entry is found (so a token never seen before
    /// never makes the API fetch keys twice).
    /// </summary>
    public bool TryGet<TState>(
        ReadOnlySpan<char> token,
        Func<TState, IEnumerable<SecurityKey>?> currentKeys,
        TState state,
        out CachedValidation hit)
    {
        ArgumentNullException.ThrowIfNull(currentKeys);
        hit = default;
        if (!IsCacheable(token))
        {
            return false;
        }

        var digest = Digest(token);
        if (!_entries.TryGetValue(digest, out var entry))
        {
            return false;
        }

        if (_time.GetUtcNow().UtcDateTime >= entry.NotAfter || !Contains(currentKeys(state), entry.SigningKey))
        {
            Remove(digest);
            return false;
        }

        Interlocked.Increment(ref _hits);
        hit = new CachedValidation(entry.Claims.Identity, entry.Claims, entry.IssuedUtc, entry.ExpiresUtc);
        return true;
    }

    /// <summary>Remembers a successful validation; anything else is ignored.</summary>
    public void Add(string token, TokenValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.IsValid || !IsCacheable(token)
            || result.SecurityToken is not JsonWebToken { SigningKey: { } signingKey } validated
            || result.ClaimsIdentity is null)
        {
            return;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var notAfter = validated.ValidTo == DateTime.MinValue ? DateTime.MinValue : Min(validated.ValidTo, now + _settings.MaxLifetime);
        if (notAfter <= now)
        {
            return;
        }

        // A compact copy of the validated identity (the parsed token, its decoded payload and the
        // handler's identity are left to the collector), shared by the requests that present this token
        // again: it is read-only from here on (a claims transformation must copy it before changing it).
        var claims = ValidatedClaims.Copy(result.ClaimsIdentity);
        var weight = Weigh(token.Length, claims.Count);
        if (!Reserve(now, weight))
        {
            return;
        }

        var entry = new Entry(claims, signingKey, notAfter, TokenTimes.IssuedUtc(validated), TokenTimes.ExpiresUtc(validated), weight);
        if (!_entries.TryAdd(Digest(token), entry))
        {
            Release(weight);
        }
    }

    /// <summary>
    /// The memory an entry holds, estimated from what the token can carry: its claim values cannot hold
    /// more characters than the token itself (kept as UTF-16, hence twice its length), each claim adds a
    /// <see cref="Claim"/> and its slot in the grouped values, and each entry its dictionary node, digest,
    /// identity and lookup table. Measured at about 0.8 of this estimate (docs/performance.md).
    /// </summary>
    public static long Weigh(int tokenLength, int claimCount) => EntryBytes + (ClaimBytes * (long)claimCount) + (2L * tokenLength);

    private const int EntryBytes = 1024;
    private const int ClaimBytes = 160;

    private bool IsCacheable(ReadOnlySpan<char> token) => _settings.Enabled && token.Length <= _settings.MaxTokenLength;

    // Claims a place within MaxEntries and MaxMemoryMiB; when full, drops expired entries at most once a second.
    private bool Reserve(DateTime now, long weight)
    {
        var count = Interlocked.Increment(ref _count);
        var total = Interlocked.Add(ref _weight, weight);
        if (count <= _settings.MaxEntries && total <= _maxWeight)
        {
            return true;
        }

        Release(weight);
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (now.Ticks >= due && Interlocked.CompareExchange(ref _nextPruneTicks, now.AddSeconds(1).Ticks, due) == due)
        {
            foreach (var (digest, entry) in _entries)
            {
                if (entry.NotAfter <= now)
                {
                    Remove(digest);
                }
            }
        }

        return false;
    }

    private void Remove(TokenDigest digest)
    {
        if (_entries.TryRemove(digest, out var entry))
        {
            Release(entry.Weight);
        }
    }

    private void Release(long weight)
    {
        Interlocked.Decrement(ref _count);
        Interlocked.Add(ref _weight, -weight);
    }

    // The key objects are made anew at each refresh of the issuer's keys, so an entry verified by an
    // earlier key set is validated again in full, and refused if its key is gone.
    private static bool Contains(IEnumerable<SecurityKey>? keys, SecurityKey signingKey)
    {
        if (keys is null)
        {
            return false;
        }

        foreach (var key in keys)
        {
            if (ReferenceEquals(key, signingKey))
            {
                return true;
            }
        }

        return false;
    }

    private static TokenDigest Digest(ReadOnlySpan<char> token)
    {
        var length = Encoding.UTF8.GetMaxByteCount(token.Length);
        byte[]? rented = null;
        var bytes = length <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(token, bytes);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes[..written], hash);
            return MemoryMarshal.Read<TokenDigest>(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    // As JwtBearer does for a validated token: a time the token does not carry (no nbf) is no time at
    // all, not DateTime.MinValue, which cannot be expressed east of UTC.
    private readonly record struct TokenDigest(ulong A, ulong B, ulong C, ulong D);

    private sealed record Entry(
        ValidatedClaims Claims, SecurityKey SigningKey, DateTime NotAfter, DateTimeOffset? IssuedUtc, DateTimeOffset? ExpiresUtc, long Weight);
}

/// <summary>
/// A token validated before: its (read-only, shared) identity, its claim values, and the times JwtBearer
/// puts in the authentication ticket (null when the token does not carry them).
/// </summary>
public readonly record struct CachedValidation(ClaimsIdentity Identity, ValidatedClaims Claims, DateTimeOffset? IssuedUtc, DateTimeOffset? ExpiresUtc);
