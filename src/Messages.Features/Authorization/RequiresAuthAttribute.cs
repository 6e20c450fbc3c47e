namespace Messages.Features.Authorization;

/// <summary>
/// The request needs a caller with a valid access token. Without one, the authorization behavior
/// raises <see cref="AuthError"/> of kind <see cref="AuthErrorKind.Unauthenticated"/> and the handler never runs.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RequiresAuthAttribute : Attribute;
