namespace Messages.Features.Authorization;

/// <summary>Why a request was refused.</summary>
public enum AuthErrorKind
{
    /// <summary>No valid access token: the host answers 401.</summary>
    Unauthenticated,

    /// <summary>A valid token that lacks a required scope: the host answers 403.</summary>
    Forbidden,
}

/// <summary>
/// Raised by the authorization behavior when a request is refused; the handler has not run.
/// Carries only facts that are safe to log: never a token or a claim value other than the subject.
/// </summary>
public sealed class AuthError : Exception
{
    private AuthError(AuthErrorKind kind, string requestName, IReadOnlyList<string> requiredScopes, string? subject, string message)
        : base(message)
    {
        Kind = kind;
        RequestName = requestName;
        RequiredScopes = requiredScopes;
        Subject = subject;
    }

    public AuthErrorKind Kind { get; }

    /// <summary>The request type that was refused, e.g. <c>GetPrivateScopedMessage</c>.</summary>
    public string RequestName { get; }

    /// <summary>Every scope the request needs (empty when it needs authentication only).</summary>
    public IReadOnlyList<string> RequiredScopes { get; }

    /// <summary>The caller's subject when authenticated.</summary>
    public string? Subject { get; }

    public static AuthError Unauthenticated(string requestName, IReadOnlyList<string> requiredScopes) =>
        new(AuthErrorKind.Unauthenticated, requestName, requiredScopes, subject: null,
            $"{requestName} requires an authenticated caller.");

    public static AuthError Forbidden(string requestName, IReadOnlyList<string> requiredScopes, string? subject) =>
        new(AuthErrorKind.Forbidden, requestName, requiredScopes, subject,
            $"{requestName} requires the scope(s) {string.Join(' ', requiredScopes)}.");
}
