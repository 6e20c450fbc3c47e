using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Messages.Analyzers;

/// <summary>The types the rules look for, resolved once per compilation; any may be missing.</summary>
internal sealed class KnownTypes
{
    public const string AuthorizationNamespace = "Messages.Features.Authorization";
    public const string RequiresAuthName = "RequiresAuth";

    private static readonly string[] _requestInterfaceNames =
    [
        "Mediator.IBaseRequest",
        "Mediator.IBaseCommand",
        "Mediator.IBaseQuery",
        "Mediator.IBaseStreamRequest",
        "Mediator.IBaseStreamCommand",
        "Mediator.IBaseStreamQuery",
    ];

    private KnownTypes(Compilation compilation)
    {
        Public = compilation.GetTypeByMetadataName(AuthorizationNamespace + ".PublicAttribute");
        RequiresAuth = compilation.GetTypeByMetadataName(AuthorizationNamespace + ".RequiresAuthAttribute");
        RequiresScope = compilation.GetTypeByMetadataName(AuthorizationNamespace + ".RequiresScopeAttribute");
        ScopeCatalog = compilation.GetTypeByMetadataName(AuthorizationNamespace + ".Scopes");
        EndpointAuthorization = compilation.GetTypeByMetadataName(AuthorizationNamespace + ".EndpointAuthorizationExtensions");
        Description = compilation.GetTypeByMetadataName("System.ComponentModel.DescriptionAttribute");
        Sender = compilation.GetTypeByMetadataName("Mediator.ISender");
        RouteHandlerBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.RouteHandlerBuilder");
        RequestInterfaces = [.. _requestInterfaceNames.Select(compilation.GetTypeByMetadataName).OfType<INamedTypeSymbol>()];
    }

    public INamedTypeSymbol? Public { get; }

    public INamedTypeSymbol? RequiresAuth { get; }

    public INamedTypeSymbol? RequiresScope { get; }

    public INamedTypeSymbol? ScopeCatalog { get; }

    public INamedTypeSymbol? EndpointAuthorization { get; }

    public INamedTypeSymbol? Description { get; }

    public INamedTypeSymbol? Sender { get; }

    public INamedTypeSymbol? RouteHandlerBuilder { get; }

    /// <summary>Mediator's base interfaces of queries, commands and requests, streamed or not (not notifications).</summary>
    public ImmutableArray<INamedTypeSymbol> RequestInterfaces { get; }

    public static KnownTypes From(Compilation compilation) => new(compilation);

    /// <summary>A concrete type that the mediator sends: a class or struct implementing a request interface.</summary>
    public bool IsRequest(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAbstract: false } named
        && named.AllInterfaces.Any(candidate => RequestInterfaces.Contains(candidate.OriginalDefinition, SymbolEqualityComparer.Default));

    public static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);
}
