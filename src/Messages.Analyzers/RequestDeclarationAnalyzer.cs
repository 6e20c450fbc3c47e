using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Messages.Analyzers;

/// <summary>
/// MAPI001: a request type that declares no caller. MAPI002: [Public] with an auth attribute.
/// The same rules as AuthRequirement.For at run time, told at the line instead of on the first call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RequestDeclarationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [Descriptors.UndeclaredRequest, Descriptors.PublicWithAuth];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownTypes.From(start.Compilation);
            if (known.Public is null || known.RequiresAuth is null || known.RequiresScope is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbol => Analyze(symbol, known), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, KnownTypes known)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        AttributeData? isPublic = null;
        var declaresAuth = false;
        foreach (var attribute in type.GetAttributes())
        {
            if (KnownTypes.Is(attribute.AttributeClass, known.Public))
            {
                isPublic = attribute;
            }
            else if (KnownTypes.Is(attribute.AttributeClass, known.RequiresAuth) || KnownTypes.Is(attribute.AttributeClass, known.RequiresScope))
            {
                declaresAuth = true;
            }
        }

        if (isPublic is not null && declaresAuth)
        {
            var location = isPublic.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? NameLocation(type);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.PublicWithAuth, location, type.Name));
        }
        else if (isPublic is null && !declaresAuth && known.IsRequest(type))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UndeclaredRequest, NameLocation(type), type.Name));
        }
    }

    private static Location NameLocation(INamedTypeSymbol type) =>
        type.Locations.FirstOrDefault(location => location.IsInSource) ?? Location.None;
}
