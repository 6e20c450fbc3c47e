using Mediator;
using Messages.Features.Authorization;

namespace Messages.Features.Tests.Authorization;

[Public]
public sealed record PublicRequest : IQuery<string>;

[RequiresAuth]
public sealed record AuthRequest : IQuery<string>;

[RequiresScope("read:messages")]
public sealed record ReadRequest : IQuery<string>;

[RequiresScope("read:messages")]
[RequiresScope("write:messages")]
public sealed record ReadWriteRequest : IQuery<string>;

public sealed record UndeclaredRequest : IQuery<string>;

[Public]
[RequiresAuth]
public sealed record ConflictingRequest : IQuery<string>;
