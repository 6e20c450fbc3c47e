using Microsoft.CodeAnalysis;

namespace Messages.Analyzers;

/// <summary>
/// The rules, with ids that never change meaning. Each id has a section in the README (the help link)
/// that says what fires it and how to fix it.
/// </summary>
public static class Descriptors
{
    private const string Category = "Messages.Authorization";
    private const string Help = "README.md#";

    public static readonly DiagnosticDescriptor UndeclaredRequest = new(
        "MAPI001",
        "A request type must declare its caller",
        "'{0}' is a mediator request but declares none of [Public], [RequiresAuth] or [RequiresScope]: the pipeline would refuse every call to it",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every query, command and request declares who may send it; one that declares nothing is refused at run time (fail closed). Add [RequiresAuth], [RequiresScope(Scopes.X)] or, deliberately, [Public].",
        helpLinkUri: Help + "msg001-a-request-type-must-declare-its-caller");

    public static readonly DiagnosticDescriptor PublicWithAuth = new(
        "MAPI002",
        "[Public] cannot be combined with [RequiresAuth] or [RequiresScope]",
        "'{0}' declares [Public] together with [RequiresAuth] or [RequiresScope]: keep the one that is meant",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A request is either open to anonymous callers or needs a token; declaring both is refused at run time.",
        helpLinkUri: Help + "msg002-public-cannot-be-combined-with-requiresauth-or-requiresscope");

    public static readonly DiagnosticDescriptor UnknownScope = new(
        "MAPI003",
        "[RequiresScope] takes a scope from the catalog",
        "[RequiresScope] takes a constant of the scope catalog ({1}), not {0}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Scopes are declared once, with a description, in Messages.Features.Authorization.Scopes; a string literal or any other value may name a scope the API does not define, and a typo would lock every caller out.",
        helpLinkUri: Help + "msg003-requiresscope-takes-a-scope-from-the-catalog");

    public static readonly DiagnosticDescriptor EndpointWithoutRequest = new(
        "MAPI004",
        "An endpoint declares the request it sends",
        "This endpoint sends '{0}' through the mediator but its mapping does not call .ForRequest<{0}>(): its OpenAPI security and 401/403 responses would be missing",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "ForRequest<T>() puts the request's authorization requirement on the endpoint, from which the OpenAPI document, the route table and the problem responses are described.",
        helpLinkUri: Help + "msg004-an-endpoint-declares-the-request-it-sends");

    public static readonly DiagnosticDescriptor ScopeWithoutDescription = new(
        "MAPI005",
        "Every catalog scope has a description",
        "Scope constant '{0}' has no [Description]: the OpenAPI document, the README and the token command's help describe every scope",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each constant of the scope catalog carries [Description(\"...\")], read by Scopes.All.",
        helpLinkUri: Help + "msg005-every-catalog-scope-has-a-description");
}
