using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Messages.Analyzers;

/// <summary>
/// MAPI003: [RequiresScope] takes a constant of the scope catalog, nothing else. MAPI005: each constant of
/// the catalog carries a description. Together they keep one list of scopes that everything else reads.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ScopeCatalogAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [Descriptors.UnknownScope, Descriptors.ScopeWithoutDescription];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownTypes.From(start.Compilation);
            if (known.RequiresScope is not null)
            {
                var catalog = Describe(known.ScopeCatalog);
                start.RegisterSyntaxNodeAction(node => AnalyzeAttribute(node, known, catalog), SyntaxKind.Attribute);
            }

            if (known.ScopeCatalog is not null)
            {
                start.RegisterSymbolAction(symbol => AnalyzeCatalogField(symbol, known), SymbolKind.Field);
            }
        });
    }

    private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context, KnownTypes known, string catalog)
    {
        var attribute = (AttributeSyntax)context.Node;
        if (context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol constructor
            || !KnownTypes.Is(constructor.ContainingType, known.RequiresScope)
            || attribute.ArgumentList?.Arguments.FirstOrDefault(argument => argument.NameEquals is null) is not { } scope)
        {
            return;
        }

        if (context.SemanticModel.GetSymbolInfo(scope.Expression, context.CancellationToken).Symbol is IFieldSymbol { IsConst: true } field
            && KnownTypes.Is(field.ContainingType, known.ScopeCatalog))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnknownScope, scope.Expression.GetLocation(), scope.Expression.ToString(), catalog));
    }

    private static void AnalyzeCatalogField(SymbolAnalysisContext context, KnownTypes known)
    {
        var field = (IFieldSymbol)context.Symbol;
        if (!field.IsConst || !KnownTypes.Is(field.ContainingType, known.ScopeCatalog) || HasDescription(field, known))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ScopeWithoutDescription, field.Locations.FirstOrDefault() ?? Location.None, field.Name));
    }

    private static bool HasDescription(IFieldSymbol field, KnownTypes known) =>
        field.GetAttributes().Any(attribute =>
            KnownTypes.Is(attribute.AttributeClass, known.Description)
            && attribute.ConstructorArguments.Length == 1
            && attribute.ConstructorArguments[0].Value is string description
            && !string.IsNullOrWhiteSpace(description));

    // For the message: what the catalog offers, e.g. "Scopes.ReadMessages = read:messages, ...".
    private static string Describe(INamedTypeSymbol? catalog)
    {
        if (catalog is null)
        {
            return KnownTypes.AuthorizationNamespace + ".Scopes, which this compilation does not have";
        }

        var constants = catalog.GetMembers().OfType<IFieldSymbol>()
            .Where(field => field is { IsConst: true, ConstantValue: string })
            .Select(field => $"{catalog.Name}.{field.Name} = {field.ConstantValue}")
            .ToList();
        return constants.Count == 0 ? catalog.ToDisplayString() + ", which is empty" : string.Join(", ", constants);
    }
}
