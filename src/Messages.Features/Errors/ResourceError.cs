namespace Messages.Features.Errors;

/// <summary>Why a resource rule refused a request that passed authorization and validation.</summary>
public enum ResourceErrorKind
{
    /// <summary>The resource does not exist: the host answers 404.</summary>
    NotFound,

    /// <summary>The resource exists but this caller may not do this to it: the host answers 403.</summary>
    Forbidden,
}

/// <summary>
/// Raised by a handler when a rule of the resource itself refuses the request (an absent message, a
/// message the caller did not write). <see cref="Code"/> is a stable, machine-readable reason and the
/// message a fixed text: neither ever echoes request input.
/// </summary>
public sealed class ResourceError : Exception
{
    private ResourceError(ResourceErrorKind kind, string code, string detail)
        : base(detail)
    {
        Kind = kind;
        Code = code;
    }

    public ResourceErrorKind Kind { get; }

    /// <summary>A stable reason code such as <c>message_not_found</c>.</summary>
    public string Code { get; }

    public static ResourceError NotFound(string code, string detail) => new(ResourceErrorKind.NotFound, code, detail);

    public static ResourceError Forbidden(string code, string detail) => new(ResourceErrorKind.Forbidden, code, detail);
}
