using FluentValidation;
using Mediator;
using Messages.Features.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Messages.Features.FeatureName;

public static class SliceName
{
    public const int MaxTextLength = 100;

#if (isPublic)
    [Public]
#elif (isAuth)
    [RequiresAuth]
#else
    [RequiresScope(Scopes.ScopeConstant)]
#endif
    public sealed record RequestType(string? Text) : IRequestType<Response>;

    public sealed record Response(string Text);

    internal sealed class Validator : AbstractValidator<RequestType>
    {
        public Validator() => RuleFor(request => request.Text).NotEmpty().MaximumLength(MaxTextLength)
            .WithMessage($"text is required, at most {MaxTextLength} characters.");
    }

    internal sealed class Handler : IRequestTypeHandler<RequestType, Response>
    {
        public ValueTask<Response> Handle(RequestType request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new Response(request.Text!.Trim()));
    }

#if (isCommand)
    internal static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/slice-route", Endpoint).WithName(nameof(SliceName)).ForRequest<RequestType>().ProducesValidationProblem();

    private static async Task<Ok<Response>> Endpoint(RequestType request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(request, cancellationToken));
#else
    internal static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/slice-route", Endpoint).WithName(nameof(SliceName)).ForRequest<RequestType>().ProducesValidationProblem();

    private static async Task<Ok<Response>> Endpoint(string? text, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RequestType(text), cancellationToken));
#endif
}
