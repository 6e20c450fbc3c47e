using System.Reflection;

namespace Messages.Features.Authorization;

public enum AuthRequirementKind
{
    /// <summary>The request declares nothing: it is refused (fail closed).</summary>
    Undeclared,

    /// <summary>The request declares <see cref="PublicAttribute"/> together with an auth attribute: refused.</summary>
    Conflicting,

    /// <summary>Open to anonymous callers (<see cref="PublicAttribute"/>).</summary>
    Public,

    /// <summary>Needs a valid token, and every scope in <see cref="AuthRequirement.Scopes"/>.</summary>
    Authenticated,
}

/// <summary>
/// What a request type declares about its caller, read from its attributes. The attributes are the
/// single source of truth: the authorization behavior enforces this and the host can describe it.
/// </summary>
public sealed class AuthRequirement
{
    private AuthRequirement(AuthRequirementKind kind, string requestName, IReadOnlyList<string> scopes)
    {
        Kind = kind;
        RequestName = requestName;
        Scopes = scopes;
    }

    public AuthRequirementKind Kind { get; }

    /// <summary>A stable name for logs: the slice's name for a nested request type.</summary>
    public string RequestName { get; }

    public IReadOnlyList<string> Scopes { get; }

    public bool IsDeclared => Kind is AuthRequirementKind.Public or AuthRequirementKind.Authenticated;

    /// <summary>The requirement of <typeparamref name="TRequest"/>, read once per type.</summary>
    public static AuthRequirement Of<TRequest>() => Cache<TRequest>.Value;

    public static AuthRequirement For(Type requestType)
    {
        ArgumentNullException.ThrowIfNull(requestType);

        var isPublic = requestType.IsDefined(typeof(PublicAttribute), inherit: false);
        var requiresAuth = requestType.IsDefined(typeof(RequiresAuthAttribute), inherit: false);
        string[] scopes = [.. requestType.GetCustomAttributes<RequiresScopeAttribute>(inherit: false)
            .Select(attribute => attribute.Scope)
            .Distinct(StringComparer.Ordinal)];

        var declaresAuth = requiresAuth || scopes.Length > 0;
        var kind = (isPublic, declaresAuth) switch
        {
            (true, true) => AuthRequirementKind.Conflicting,
            (true, false) => AuthRequirementKind.Public,
            (false, true) => AuthRequirementKind.Authenticated,
            (false, false) => AuthRequirementKind.Undeclared,
        };

        return new AuthRequirement(kind, NameOf(requestType), scopes);
    }

    private static string NameOf(Type requestType) =>
        requestType.DeclaringType is { } slice ? slice.Name : requestType.Name;

    // A static generic class gives one field per request type: no reflection and no lookup per request.
    private static class Cache<TRequest>
    {
        public static readonly AuthRequirement Value = For(typeof(TRequest));
    }
}
