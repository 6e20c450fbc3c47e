namespace Messages.Features.Authorization;

/// <summary>Which claims of a validated token grant scopes.</summary>
public sealed class ScopeClaimOptions
{
    public const string SectionName = "Authorization";

    /// <summary>
    /// Claims holding one space-delimited string of scopes (OAuth 2.0 <c>scope</c>). Such a claim counts
    /// only when it occurs once: a claim given as an array is not a scope string and grants nothing.
    /// </summary>
    public string[] ScopeClaims { get; set; } = ["scope"];

    /// <summary>Claims holding an array of scopes, one per element (Auth0 RBAC <c>permissions</c>).</summary>
    public string[] PermissionClaims { get; set; } = ["permissions"];

    /// <summary>
    /// True when <paramref name="user"/> is granted <paramref name="scope"/>. Matching is exact and
    /// case-sensitive: <c>read:messagesX</c> or <c>READ:MESSAGES</c> do not grant <c>read:messages</c>.
    /// </summary>
    public bool Grants(ICurrentUser user, string scope)
    {
        ArgumentNullException.ThrowIfNull(user);

        foreach (var claimType in ScopeClaims)
        {
            if (IsBlank(claimType))
            {
                continue;
            }

            var values = user.GetClaimValues(claimType);
            if (values.Count == 1 && ContainsScope(values[0], scope))
            {
                return true;
            }
        }

        foreach (var claimType in PermissionClaims)
        {
            if (!IsBlank(claimType) && ContainsExactly(user.GetClaimValues(claimType), scope))
            {
                return true;
            }
        }

        return false;
    }

    // An indexed loop: no enumerator is allocated on the allowed path.
    private static bool ContainsExactly(IReadOnlyList<string> values, string scope)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], scope, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // RFC 6749 section 3.3: scope tokens are separated by single spaces (0x20) only.
    private static bool ContainsScope(string scopeList, string scope)
    {
        foreach (var range in scopeList.AsSpan().Split(' '))
        {
            if (scopeList.AsSpan()[range].SequenceEqual(scope))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBlank(string claimType) => string.IsNullOrWhiteSpace(claimType);
}
