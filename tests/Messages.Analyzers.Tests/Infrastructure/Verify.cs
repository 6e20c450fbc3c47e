using System.Collections.Immutable;
using Mediator;
using Messages.Features.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Messages.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs an analyzer (and a code fix) over test sources with Roslyn's test harness. The sources compile
/// against the running .NET and ASP.NET Core, Mediator and the real Messages.Features assembly: the
/// attributes and the scope catalog under test are the shipped ones, and nothing is downloaded.
/// </summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerAsync(source, References.WithFeatures, expected);

    /// <summary>Without Messages.Features: the source declares its own catalog and attributes.</summary>
    public static Task StandaloneAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerAsync(source, References.Platform, expected);

    public static Task CodeFixAsync<TCodeFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = References.None,
        };
        test.TestState.AdditionalReferences.AddRange(References.WithFeatures);
        test.FixedState.AdditionalReferences.AddRange(References.WithFeatures);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task AnalyzerAsync(string source, ImmutableArray<MetadataReference> references, DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { TestCode = source, ReferenceAssemblies = References.None };
        test.TestState.AdditionalReferences.AddRange(references);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}

internal static class References
{
    /// <summary>No reference package: the harness would otherwise fetch one from a feed.</summary>
    public static readonly ReferenceAssemblies None = new("net10.0");

    /// <summary>The shared frameworks the tests run on (.NET and ASP.NET Core), as metadata.</summary>
    public static readonly ImmutableArray<MetadataReference> Platform = Load(
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => InFolderOf<object>(path) || InFolderOf<RouteHandlerBuilder>(path)));

    public static readonly ImmutableArray<MetadataReference> WithFeatures = Platform.AddRange(Load(
        [typeof(ISender).Assembly.Location, typeof(Scopes).Assembly.Location]));

    private static bool InFolderOf<T>(string path) =>
        string.Equals(Path.GetDirectoryName(path), Path.GetDirectoryName(typeof(T).Assembly.Location), StringComparison.Ordinal);

    private static ImmutableArray<MetadataReference> Load(IEnumerable<string> paths) =>
        [.. paths.Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
}
