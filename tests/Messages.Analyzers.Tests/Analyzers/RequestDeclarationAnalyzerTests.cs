using Verify = Messages.Analyzers.Tests.Infrastructure.Verify<Messages.Analyzers.RequestDeclarationAnalyzer>;

namespace Messages.Analyzers.Tests.Analyzers;

public sealed class RequestDeclarationAnalyzerTests
{
    private const string Usings = """
        using Mediator;
        using Messages.Features.Authorization;

        """;

    [Theory]
    [InlineData("IQuery<string>")]
    [InlineData("ICommand")]
    [InlineData("ICommand<string>")]
    [InlineData("IRequest")]
    [InlineData("IRequest<string>")]
    [InlineData("IStreamQuery<string>")]
    [InlineData("IStreamCommand<string>")]
    [InlineData("IStreamRequest<string>")]
    public async Task RequestWithoutAttribute_ReportsUndeclaredAtItsName(string requestInterface)
    {
        var source = Usings + $$"""
            public static class GetThing
            {
                public sealed record {|#0:Query|} : {{requestInterface}};
            }
            """;

        await Verify.AnalyzerAsync(source, Verify.Diagnostic(Descriptors.UndeclaredRequest).WithLocation(0).WithArguments("Query"));
    }

    [Fact]
    public async Task ClassAndStructRequestsWithoutAttribute_AreReported()
    {
        var source = Usings + """
            public sealed class {|#0:ClassQuery|} : IQuery<int>;
            public readonly struct {|#1:StructCommand|} : ICommand;
            """;

        await Verify.AnalyzerAsync(source,
            Verify.Diagnostic(Descriptors.UndeclaredRequest).WithLocation(0).WithArguments("ClassQuery"),
            Verify.Diagnostic(Descriptors.UndeclaredRequest).WithLocation(1).WithArguments("StructCommand"));
    }

    [Fact]
    public async Task DerivedRequestOfDeclaredBase_IsReported()
    {
        var source = Usings + """
            [RequiresAuth]
            public abstract record AuthenticatedQuery : IQuery<string>;

            public sealed record {|#0:Derived|} : AuthenticatedQuery;
            """;

        await Verify.AnalyzerAsync(source, Verify.Diagnostic(Descriptors.UndeclaredRequest).WithLocation(0).WithArguments("Derived"));
    }

    [Theory]
    [InlineData("[Public]")]
    [InlineData("[RequiresAuth]")]
    [InlineData("[RequiresScope(Scopes.ReadMessages)]")]
    [InlineData("[RequiresScope(Scopes.ReadMessages), RequiresScope(Scopes.WriteMessages)]")]
    public async Task RequestWithOneDeclaration_IsNotReported(string attributes)
    {
        var source = Usings + $$"""
            {{attributes}}
            public sealed record Query : IQuery<string>;
            """;

        await Verify.AnalyzerAsync(source);
    }

    [Fact]
    public async Task TypesThatAreNotRequests_AreNotReported()
    {
        var source = Usings + """
            public sealed record Response(string Text);
            public sealed record Happened : INotification;
            public abstract record BaseQuery : IQuery<string>;
            public interface ICustomQuery : IQuery<string>;
            """;

        await Verify.AnalyzerAsync(source);
    }

    [Theory]
    [InlineData("[{|#0:Public|}, RequiresAuth]")]
    [InlineData("[RequiresScope(Scopes.WriteMessages)]\n[{|#0:Public|}]")]
    public async Task PublicWithAuthAttribute_ReportsConflictAtPublic(string attributes)
    {
        var source = Usings + $$"""
            {{attributes}}
            public sealed record Query : IQuery<string>;
            """;

        await Verify.AnalyzerAsync(source, Verify.Diagnostic(Descriptors.PublicWithAuth).WithLocation(0).WithArguments("Query"));
    }

    [Fact]
    public async Task PublicAlone_IsNotAConflict()
    {
        var source = Usings + """
            [Public]
            public sealed record Query : IQuery<string>;

            [Public]
            public sealed class NotARequest;
            """;

        await Verify.AnalyzerAsync(source);
    }
}
