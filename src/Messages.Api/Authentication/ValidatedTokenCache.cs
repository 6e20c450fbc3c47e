using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Authentication;

/// <summary>
/// Remembers successful token validations so that a client reusing its access token pays a lookup
/// instead of an RSA signature check. Keyed by the token itself, compared in full (see
/// <see cref="TokenComparer"/>): only the very string that was validated reaches an entry. An entry is
/// used only while the token's exp has not passed, within <see cref="TokenCacheSettings.MaxLifetime"/>
/// of its validation, and while the key that verified
/// its signature is still among the issuer's current signing keys. Failures are never cached.
/// An entry keeps a compact copy of the validated claims, not the parsed token; the cache is bounded
/// both by <see cref="TokenCacheSettings.MaxEntries"/> and by <see cref="TokenCacheSettings.MaxMemoryMiB"/>,
/// each entry weighed by <see cref="Weigh"/>.
/// </summary>
public sealed class ValidatedTokenCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries;
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _byText;
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
        _entries = new ConcurrentDictionary<string, Entry>(TokenComparer.Instance);
        _byText = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
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

        if (!_byText.TryGetValue(token, out var key, out var entry))
        {
            return false;
        }

        if (_time.GetUtcNow().UtcDateTime >= entry.NotAfter || !Contains(currentKeys(state), entry.SigningKey))
        {
            Remove(key);
            return false;
        }

        Interlocked.Increment(ref _hits);
        hit = new CachedValidation(entry.Claims.Identity, entry.Claims, entry.TicketProperties);
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

        // The ticket's times, formatted once per token rather than once per request.
        var ticketProperties = new AuthenticationProperties
        {
            IssuedUtc = TokenTimes.IssuedUtc(validated),
            ExpiresUtc = TokenTimes.ExpiresUtc(validated),
        };
        var entry = new Entry(claims, signingKey, notAfter, ticketProperties, weight);
        if (!_entries.TryAdd(token, entry))
        {
            Release(weight);
        }
    }

    /// <summary>
    /// The memory an entry holds, estimated from what the token can carry: the token itself (the key, in
    /// UTF-16, hence twice its length), its claim values (which cannot hold more characters than the
    /// token: twice its length again), a <see cref="Claim"/> and its slot in the grouped values per claim,
    /// and per entry its dictionary node, identity and lookup table. Measured at about 0.8 of this
    /// estimate (docs/performance.md).
    /// </summary>
    public static long Weigh(int tokenLength, int claimCount) => EntryBytes + (ClaimBytes * (long)claimCount) + (4L * tokenLength);

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
            foreach (var (token, entry) in _entries)
            {
                if (entry.NotAfter <= now)
                {
                    Remove(token);
                }
            }
        }

        return false;
    }

    private void Remove(string token)
    {
        if (_entries.TryRemove(token, out var entry))
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

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>
    /// Tokens compared in full (ordinal), looked up straight from the header's text. The hash reads only
    /// the last <see cref="HashedLength"/> characters, the end of the signature, which differ between any
    /// two signed tokens: hashing the whole token (600 to 4,000 characters) on every request would cost
    /// more than the lookup. The hash is the runtime's randomized string hash, so a client cannot choose
    /// tokens that share a bucket; and only validated tokens ever become entries.
    /// </summary>
    private sealed class TokenComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<char>, string>
    {
        public static readonly TokenComparer Instance = new();

        private const int HashedLength = 32;

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string token) => Hash(token);

        public bool Equals(ReadOnlySpan<char> alternate, string other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<char> alternate) => Hash(alternate);

        public string Create(ReadOnlySpan<char> alternate) => alternate.ToString();

        private static int Hash(ReadOnlySpan<char> token) =>
            HashCode.Combine(token.Length, string.GetHashCode(token[Math.Max(0, token.Length - HashedLength)..], StringComparison.Ordinal));
    }

    private sealed record Entry(
        ValidatedClaims Claims, SecurityKey SigningKey, DateTime NotAfter, AuthenticationProperties TicketProperties, long Weight);
}

/// <summary>
/// A token validated before: its (read-only, shared) identity, its claim values, and the properties
/// JwtBearer puts in the authentication ticket (its times, null when the token does not carry them).
/// </summary>
public readonly struct CachedValidation(ClaimsIdentity identity, ValidatedClaims claims, AuthenticationProperties ticketProperties)
{
    public ClaimsIdentity Identity => identity;

    public ValidatedClaims Claims => claims;

    /// <summary>
    /// The ticket's properties for one request: a copy of the entry's, which every request presenting
    /// this token shares and none may change.
    /// </summary>
    public AuthenticationProperties NewTicketProperties() => ticketProperties.Clone();
}
