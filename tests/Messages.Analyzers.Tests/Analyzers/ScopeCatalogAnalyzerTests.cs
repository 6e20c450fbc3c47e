using Verify = Messages.Analyzers.Tests.Infrastructure.Verify<Messages.Analyzers.ScopeCatalogAnalyzer>;

namespace Messages.Analyzers.Tests.Analyzers;

public sealed class ScopeCatalogAnalyzerTests
{
    private const string Catalog = "Scopes.ReadMessages = read:messages, Scopes.WriteMessages = write:messages";

    [Theory]
    [InlineData("\"read:messages\"")]
    [InlineData("\"read:mesages\"")]
    [InlineData("Local.Read")]
    [InlineData("Scopes.ReadMessages + \"x\"")]
    [InlineData("nameof(Scopes.ReadMessages)")]
    public async Task ScopeNotFromCatalog_IsReported(string argument)
    {
        var source = $$"""
            using Mediator;
            using Messages.Features.Authorization;

            [RequiresScope({|#0:{{argument}}|})]
            public sealed record Query : IQuery<string>;

            public static class Local
            {
                public const string Read = "read:messages";
            }
            """;

        await Verify.AnalyzerAsync(source, Verify.Diagnostic(Descriptors.UnknownScope).WithLocation(0).WithArguments(argument, Catalog));
    }

    [Fact]
    public async Task ScopesFromCatalog_AreNotReported()
    {
        var source = """
            using Mediator;
            using Messages.Features.Authorization;
            using static Messages.Features.Authorization.Scopes;

            [RequiresScope(Scopes.ReadMessages)]
            [RequiresScope(WriteMessages)]
            public sealed record Query : IQuery<string>;

            [RequiresScope(scope: Messages.Features.Authorization.Scopes.WriteMessages)]
            public sealed record Command : ICommand;
            """;

        await Verify.AnalyzerAsync(source);
    }

    [Fact]
    public async Task CatalogScopeWithoutDescription_IsReported()
    {
        var source = """
            using System.ComponentModel;

            namespace Messages.Features.Authorization
            {
                public static class Scopes
                {
                    [Description("Read messages.")]
                    public const string ReadMessages = "read:messages";

                    public const string {|#0:WriteMessages|} = "write:messages";

                    [Description(" ")]
                    public const string {|#1:AdminMessages|} = "admin:messages";
                }
            }
            """;

        await Verify.StandaloneAsync(source,
            Verify.Diagnostic(Descriptors.ScopeWithoutDescription).WithLocation(0).WithArguments("WriteMessages"),
            Verify.Diagnostic(Descriptors.ScopeWithoutDescription).WithLocation(1).WithArguments("AdminMessages"));
    }

    [Fact]
    public async Task DescribedCatalogScopes_AndOtherConstants_AreNotReported()
    {
        var source = """
            using System.ComponentModel;

            namespace Messages.Features.Authorization
            {
                public static class Scopes
                {
                    [Description("Read messages.")]
                    public const string ReadMessages = "read:messages";
                }

                public static class Elsewhere
                {
                    public const string Undescribed = "not a scope";
                }
            }
            """;

        await Verify.StandaloneAsync(source);
    }
}
