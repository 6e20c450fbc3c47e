namespace Messages.Features.Authorization;

/// <summary>
/// The caller of the current request, as established by the host from a validated access token.
/// Features see the caller only through this interface: no headers, no tokens.
/// </summary>
public interface ICurrentUser
{
    /// <summary>True only when the host validated an access token for this request.</summary>
    bool IsAuthenticated { get; }

    /// <summary>The token's subject (<c>sub</c>), when authenticated.</summary>
    string? Subject { get; }

    /// <summary>
    /// Every value of the validated claims of this type, in token order; empty when there are none.
    /// A claim given as a JSON string yields one value; a JSON array yields one value per element.
    /// </summary>
    IReadOnlyList<string> GetClaimValues(string claimType);
}
