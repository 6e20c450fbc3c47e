using Messages.Analyzers.CodeFixes;
using Verify = Messages.Analyzers.Tests.Infrastructure.Verify<Messages.Analyzers.RequestDeclarationAnalyzer>;

namespace Messages.Analyzers.Tests.Analyzers;

public sealed class AddRequiresAuthCodeFixTests
{
    [Fact]
    public async Task Fix_WithoutUsing_AddsRequiresAuthAndTheUsing()
    {
        var source = """
            using Mediator;

            namespace Messages.Features.Things;

            public static class GetThing
            {
                /// <summary>A thing.</summary>
                public sealed record {|#0:Query|}(string Id) : IQuery<string>;
            }
            """;
        var fixedSource = """
            using Mediator;
            using Messages.Features.Authorization;

            namespace Messages.Features.Things;

            public static class GetThing
            {
                /// <summary>A thing.</summary>
                [RequiresAuth]
                public sealed record Query(string Id) : IQuery<string>;
            }
            """;

        await Verify.CodeFixAsync<AddRequiresAuthCodeFix>(source, fixedSource,
            Verify.Diagnostic(Descriptors.UndeclaredRequest).WithLocation(0).WithArguments("Query"));
    }

    [Fact]
    public async Task Fix_WithUsingAndOtherAttribute_AddsOnlyTheAttribute()
    {
        var source = """
            using System;
            using Mediator;
            using Messages.Features.Authorization;

            namespace Messages.Features.Things;

            [Obsolete("old")]
            public sealed class {|#0:DeleteThing|} : ICommand;
            """;
        var fixedSource = """
            using System;
            using Mediator;
            using Messages.Features.Authorization;

            namespace Messages.Features.Things;

            [Obsolete("old")]
            [RequiresAuth]
            public sealed class DeleteThing : ICommand;
            """;

        await Verify.CodeFixAsync<AddRequiresAuthCodeFix>(source, fixedSource,
            Verify.Diagnostic(Descriptors.UndeclaredRequest).WithLocation(0).WithArguments("DeleteThing"));
    }
}
