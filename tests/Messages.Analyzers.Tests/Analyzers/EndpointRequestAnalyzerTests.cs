using Verify = Messages.Analyzers.Tests.Infrastructure.Verify<Messages.Analyzers.EndpointRequestAnalyzer>;

namespace Messages.Analyzers.Tests.Analyzers;

public sealed class EndpointRequestAnalyzerTests
{
    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using Mediator;
        using Messages.Features.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Http.HttpResults;
        using Microsoft.AspNetCore.Routing;

        """;

    // A slice in the house style; {0} is the mapping chain, {1} the endpoint's body.
    private static string Slice(string map, string endpoint = "TypedResults.Ok(await sender.Send(new Query(), cancellationToken))") => Usings + $$"""
        public static class GetThing
        {
            [RequiresAuth]
            public sealed record Query : IQuery<string>;

            [RequiresAuth]
            public sealed record Other : IQuery<string>;

            internal static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
                {{map}};

            private static async Task<Ok<string>> Endpoint(ISender sender, CancellationToken cancellationToken) =>
                {{endpoint}};
        }
        """;

    [Fact]
    public async Task MappingWithoutForRequest_IsReportedAtTheMapCall()
    {
        var source = Slice("""routes.{|#0:MapGet|}("/thing", Endpoint).WithName(nameof(GetThing))""");

        await Verify.AnalyzerAsync(source, Verify.Diagnostic(Descriptors.EndpointWithoutRequest).WithLocation(0).WithArguments("GetThing.Query"));
    }

    [Fact]
    public async Task MappingDeclaringAnotherRequest_IsReported()
    {
        var source = Slice("""routes.{|#0:MapGet|}("/thing", Endpoint).ForRequest<Other>()""");

        await Verify.AnalyzerAsync(source, Verify.Diagnostic(Descriptors.EndpointWithoutRequest).WithLocation(0).WithArguments("GetThing.Query"));
    }

    [Fact]
    public async Task LambdaHandlerWithoutForRequest_IsReported()
    {
        var source = Slice("""routes.{|#0:MapPost|}("/thing", async (ISender sender) => await sender.Send(new Other()))""");

        await Verify.AnalyzerAsync(source, Verify.Diagnostic(Descriptors.EndpointWithoutRequest).WithLocation(0).WithArguments("GetThing.Other"));
    }

    [Fact]
    public async Task BoundRequestSentByTheMediator_IsReported()
    {
        var source = Usings + """
            public static class CreateThing
            {
                [RequiresAuth]
                public sealed record Command(string Text) : ICommand<string>;

                internal static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
                    routes.{|#0:MapPost|}("/thing", Endpoint).ProducesValidationProblem();

                private static async Task<Ok<string>> Endpoint(Command command, IMediator mediator, CancellationToken cancellationToken) =>
                    TypedResults.Ok(await mediator.Send(command, cancellationToken));
            }
            """;

        await Verify.AnalyzerAsync(source, Verify.Diagnostic(Descriptors.EndpointWithoutRequest).WithLocation(0).WithArguments("CreateThing.Command"));
    }

    [Theory]
    [InlineData("""routes.MapGet("/thing", Endpoint).WithName(nameof(GetThing)).ForRequest<Query>().ProducesValidationProblem()""")]
    [InlineData("""routes.MapGet("/thing", Endpoint).ForRequest<Query>()""")]
    [InlineData("""EndpointAuthorizationExtensions.ForRequest<Query>(routes.MapGet("/thing", Endpoint))""")]
    [InlineData("""routes.MapGet("/thing", (ISender sender) => sender.Send(new Query())).ForRequest<Query>()""")]
    public async Task MappingDeclaringItsRequest_IsNotReported(string map)
    {
        await Verify.AnalyzerAsync(Slice(map));
    }

    [Fact]
    public async Task EndpointThatSendsNoRequest_IsNotReported()
    {
        var source = Slice("""routes.MapGet("/thing", Endpoint)""", endpoint: "TypedResults.Ok(await Task.FromResult(\"plain\"))");

        await Verify.AnalyzerAsync(source);
    }

    [Fact]
    public async Task RequestOfUnknownConcreteType_IsNotJudged()
    {
        var source = Usings + """
            public static class Forwarder
            {
                internal static RouteHandlerBuilder Map(IEndpointRouteBuilder routes, IQuery<string> query) =>
                    routes.MapGet("/forward", async (ISender sender) => await sender.Send(query));
            }
            """;

        await Verify.AnalyzerAsync(source);
    }

    [Fact]
    public async Task BuilderThatEscapesTheChain_IsNotJudged()
    {
        var source = Usings + """
            public static class GetThing
            {
                [RequiresAuth]
                public sealed record Query : IQuery<string>;

                internal static void Map(IEndpointRouteBuilder routes)
                {
                    var builder = routes.MapGet("/thing", Endpoint);
                    builder.ForRequest<Query>();
                }

                private static async Task<Ok<string>> Endpoint(ISender sender) => TypedResults.Ok(await sender.Send(new Query()));
            }
            """;

        await Verify.AnalyzerAsync(source);
    }
}
