namespace Messages.Features.Authorization;

/// <summary>
/// The request is deliberately open to anonymous callers. Requests must say so explicitly:
/// one that declares neither this nor an auth attribute is refused (fail closed).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PublicAttribute : Attribute;
