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

    /// <summary>
    /// Claims holding an array of scopes, one per element (Auth0 RBAC <c>permissions</c>, Okta's
    /// <c>scp</c>, Entra ID's <c>roles</c>). A claim has one shape: it may not be in both lists.
    /// </summary>
    public string[] PermissionClaims { get; set; } = ["permissions"];

    /// <summary>
    /// What the provider writes before this API's scope names, for example AWS Cognito's
    /// <c>{resource server identifier}/</c>. Empty by default. When set, a scope is granted only by
    /// the prefix followed by its name, exactly: the bare name grants nothing.
    /// </summary>
    public string ScopePrefix
    {
        get;
        set => field = value ?? string.Empty;
    } = string.Empty;

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
            if (values.Count == 1 && ContainsScope(values[0], ScopePrefix, scope))
            {
                return true;
            }
        }

        foreach (var claimType in PermissionClaims)
        {
            if (!IsBlank(claimType) && ContainsExactly(user.GetClaimValues(claimType), ScopePrefix, scope))
            {
                return true;
            }
        }

        return false;
    }

    // An indexed loop: no enumerator is allocated on the allowed path.
    private static bool ContainsExactly(IReadOnlyList<string> values, string prefix, string scope)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (IsScope(values[i], prefix, scope))
            {
                return true;
            }
        }

        return false;
    }

    // RFC 6749 section 3.3: scope tokens are separated by single spaces (0x20) only.
    private static bool ContainsScope(string scopeList, string prefix, string scope)
    {
        foreach (var range in scopeList.AsSpan().Split(' '))
        {
            if (IsScope(scopeList.AsSpan()[range], prefix, scope))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsScope(ReadOnlySpan<char> value, string prefix, string scope) =>
        value.Length == prefix.Length + scope.Length
        && value.StartsWith(prefix, StringComparison.Ordinal)
        && value.EndsWith(scope, StringComparison.Ordinal);

    private static bool IsBlank(string claimType) => string.IsNullOrWhiteSpace(claimType);
}
