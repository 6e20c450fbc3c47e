using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Messages.Analyzers;

/// <summary>
/// MAPI004: an endpoint that sends a request through the mediator, mapped by a chain that lacks
/// <c>.ForRequest&lt;TRequest&gt;()</c>. Within one type (a slice): a <c>MapGet</c>/<c>MapPost</c>/... call
/// whose handler is a method of that type (or a lambda) containing <c>sender.Send(x)</c> with a concrete
/// request type, and whose builder chain, up to where it is returned or ends its statement, never calls
/// <c>ForRequest</c> with that type. A builder stored in a variable or handed to another method is not
/// judged: what happens to it later is not visible here.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EndpointRequestAnalyzer : DiagnosticAnalyzer
{
    // "GetMessage.Query": the slice's name tells which Query.
    private static readonly SymbolDisplayFormat _requestName = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.EndpointWithoutRequest];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownTypes.From(start.Compilation);
            if (known.Sender is null || known.RouteHandlerBuilder is null || known.EndpointAuthorization is null || known.RequestInterfaces.IsEmpty)
            {
                return;
            }

            start.RegisterSymbolStartAction(type => AnalyzeType(type, known), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolStartAnalysisContext context, KnownTypes known)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var sendsByMethod = new ConcurrentDictionary<ISymbol, ConcurrentBag<ITypeSymbol>>(SymbolEqualityComparer.Default);
        var mappings = new ConcurrentBag<Mapping>();

        context.RegisterOperationAction(operation =>
        {
            // Members of nested types belong to their own type's analysis.
            if (!SymbolEqualityComparer.Default.Equals(operation.ContainingSymbol.ContainingType, type))
            {
                return;
            }

            var invocation = (IInvocationOperation)operation.Operation;
            if (SentRequest(invocation, known) is { } request)
            {
                sendsByMethod.GetOrAdd(operation.ContainingSymbol, _ => []).Add(request);
            }
            else if (Mapping.Read(invocation, known) is { } mapping)
            {
                mappings.Add(mapping);
            }
        }, OperationKind.Invocation);

        context.RegisterSymbolEndAction(end =>
        {
            foreach (var mapping in mappings)
            {
                var sent = mapping.Handler is null ? mapping.LambdaSends
                    : sendsByMethod.TryGetValue(mapping.Handler, out var sends) ? [.. sends] : ImmutableArray<ITypeSymbol>.Empty;
                foreach (var request in sent.Distinct<ITypeSymbol>(SymbolEqualityComparer.Default))
                {
                    if (!mapping.Declared.Contains(request, SymbolEqualityComparer.Default))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(Descriptors.EndpointWithoutRequest, mapping.Location,
                            request.ToDisplayString(_requestName)));
                    }
                }
            }
        });
    }

    /// <summary>The concrete request type of <c>ISender.Send(x)</c> or <c>CreateStream(x)</c>, if this is such a call.</summary>
    private static ITypeSymbol? SentRequest(IInvocationOperation invocation, KnownTypes known)
    {
        var method = invocation.TargetMethod;
        if (method.Name is not ("Send" or "CreateStream") || !IsSender(method.ContainingType, known))
        {
            return null;
        }

        var message = invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Ordinal == 0)?.Value;
        var type = Unwrap(message)?.Type;
        return known.IsRequest(type) ? type : null;
    }

    private static bool IsSender(INamedTypeSymbol type, KnownTypes known) =>
        KnownTypes.Is(type, known.Sender) || type.AllInterfaces.Any(candidate => KnownTypes.Is(candidate, known.Sender));

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>One <c>MapX(pattern, handler)</c> call: its handler and the requests its chain declares.</summary>
    private sealed class Mapping(Location location, IMethodSymbol? handler, ImmutableArray<ITypeSymbol> lambdaSends, ImmutableArray<ITypeSymbol> declared)
    {
        public Location Location { get; } = location;

        /// <summary>The handler method, or null for a lambda (whose sends are in <see cref="LambdaSends"/>).</summary>
        public IMethodSymbol? Handler { get; } = handler;

        public ImmutableArray<ITypeSymbol> LambdaSends { get; } = lambdaSends;

        public ImmutableArray<ITypeSymbol> Declared { get; } = declared;

        public static Mapping? Read(IInvocationOperation invocation, KnownTypes known)
        {
            if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ReturnType, known.RouteHandlerBuilder)
                || invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Type.SpecialType == SpecialType.System_Delegate) is not { } handlerArgument
                || DeclaredRequests(invocation, known) is not { } declared)
            {
                return null;
            }

            var location = NameLocation(invocation);
            return Unwrap(handlerArgument.Value) switch
            {
                IDelegateCreationOperation { Target: IMethodReferenceOperation reference } => new Mapping(location, reference.Method.OriginalDefinition, [], declared),
                IMethodReferenceOperation reference => new Mapping(location, reference.Method.OriginalDefinition, [], declared),
                IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => new Mapping(location, null, SendsIn(lambda, known), declared),
                _ => null,
            };
        }

        // Walks up the fluent chain (extension or instance calls on the builder) and collects ForRequest<T>'s T.
        // Null when the chain ends anywhere but a statement or a return: the builder escapes and may be completed later.
        private static ImmutableArray<ITypeSymbol>? DeclaredRequests(IInvocationOperation mapCall, KnownTypes known)
        {
            var declared = ImmutableArray.CreateBuilder<ITypeSymbol>();
            IOperation current = mapCall;
            while (true)
            {
                var parent = current.Parent;
                while (parent is IConversionOperation)
                {
                    current = parent;
                    parent = parent.Parent;
                }

                IInvocationOperation? next = parent switch
                {
                    IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation call } when call.TargetMethod.IsExtensionMethod => call,
                    IInvocationOperation call when call.Instance == current => call,
                    _ => null,
                };
                if (next is null)
                {
                    return parent is IExpressionStatementOperation or IReturnOperation ? declared.ToImmutable() : null;
                }

                if (next.TargetMethod is { Name: "ForRequest", TypeArguments.Length: 1 } && KnownTypes.Is(next.TargetMethod.ContainingType, known.EndpointAuthorization))
                {
                    declared.Add(next.TargetMethod.TypeArguments[0]);
                }

                current = next;
            }
        }

        private static ImmutableArray<ITypeSymbol> SendsIn(IAnonymousFunctionOperation lambda, KnownTypes known) =>
            [.. lambda.Body.Descendants().OfType<IInvocationOperation>().Select(call => SentRequest(call, known)).OfType<ITypeSymbol>()];

        private static Location NameLocation(IInvocationOperation invocation) => invocation.Syntax switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Name.GetLocation(),
            _ => invocation.Syntax.GetLocation(),
        };
    }
}
