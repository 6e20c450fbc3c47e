using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Messages.Analyzers.CodeFixes;

/// <summary>
/// MAPI001's fix: declare <c>[RequiresAuth]</c>, the safe choice (a token is needed; a scope or
/// <c>[Public]</c> is a decision the author then makes on purpose), adding the using if needed.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRequiresAuthCodeFix)), Shared]
public sealed class AddRequiresAuthCodeFix : CodeFixProvider
{
    public const string Title = "Declare [RequiresAuth]";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.UndeclaredRequest.Id];

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindToken(context.Span.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } declaration)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(Title, cancellationToken => AddAttributeAsync(context.Document, declaration, cancellationToken), equivalenceKey: Title),
                diagnostic);
        }
    }

    private static async Task<Document> AddAttributeAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        // Fully qualified and annotated: the simplifier shortens it and adds the using where one is missing.
        var name = SyntaxFactory.ParseName($"global::{KnownTypes.AuthorizationNamespace}.{KnownTypes.RequiresAuthName}")
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.AddAttribute(declaration, editor.Generator.Attribute(name));

        var changed = await ImportAdder.AddImportsAsync(editor.GetChangedDocument(), Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
