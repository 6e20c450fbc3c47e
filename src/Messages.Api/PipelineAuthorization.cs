namespace Messages.Api;

internal static class PipelineAuthorization
{
    /// <summary>
    /// Exempts these endpoints from the fallback policy because the mediator's AuthorizationBehavior
    /// authorizes each request from its type's attributes, and refuses types that declare nothing.
    /// Any endpoint mapped without this stays closed to anonymous callers.
    /// </summary>
    public static TBuilder AuthorizedByPipeline<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.AllowAnonymous();
}
