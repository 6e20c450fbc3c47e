using System.Data.Common;
using Messages.Api.Logging;
using Messages.Features.Idempotency;
using Microsoft.Extensions.Options;

namespace Messages.Api.Storage;

/// <summary>
/// Idempotency keys in the idempotency_keys table, in SQL both providers accept. Races between instances
/// are decided by the primary key (scope, idempotency_key): an INSERT ... ON CONFLICT DO NOTHING takes a
/// free key, and a conditional UPDATE takes over an expired or abandoned one, so two requests never both
/// hold a key. Times are unix milliseconds from the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class SqlIdempotencyStore(
    MessageDatabase database, IOptions<IdempotencySettings> settings, TimeProvider time, ILogger<SqlIdempotencyStore> logger) : IIdempotencyStore
{
    // A key deleted by a failing request between our INSERT and SELECT is tried again, a few times at most.
    private const int ClaimAttempts = 4;

    private readonly IdempotencySettings _settings = settings.Value;

    public async Task<IdempotencyClaim> ClaimAsync(IdempotentRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        for (var attempt = 0; attempt < ClaimAttempts; attempt++)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var lockToken = Guid.NewGuid().ToString("N");
            if (await InsertAsync(connection, request, lockToken, now, cancellationToken))
            {
                return IdempotencyClaim.Acquired(request, lockToken);
            }

            if (await FindAsync(connection, request, cancellationToken) is not { } row)
            {
                continue;
            }

            var abandoned = row.Answer is null && row.Fingerprint == request.Fingerprint && row.LockedAt <= now - (long)_settings.LockTimeout.TotalMilliseconds;
            if (row.ExpiresAt <= now || abandoned)
            {
                if (await TakeOverAsync(connection, request, lockToken, now, cancellationToken))
                {
                    if (abandoned && row.ExpiresAt > now)
                    {
                        LogEvents.IdempotencyKeyAbandoned(logger, now - row.LockedAt!.Value);
                    }

                    return IdempotencyClaim.Acquired(request, lockToken);
                }

                continue;
            }

            return row.Fingerprint != request.Fingerprint ? IdempotencyClaim.KeyReused(request)
                : row.Answer is { } answer ? IdempotencyClaim.Completed(request, answer)
                : IdempotencyClaim.InProgress(request);
        }

        // Contended beyond reason: another request keeps taking and freeing the key.
        return IdempotencyClaim.InProgress(request);
    }

    public async Task CompleteAsync(IdempotencyClaim claim, string answer, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        if (!await CompleteAsync(connection, null, claim, answer, cancellationToken))
        {
            throw IdempotencyError.InProgress();
        }

        claim.MarkCompleted();
    }

    /// <summary>Records the answer of a claim this request holds, in the caller's transaction; false when the lock was lost.</summary>
    public static async Task<bool> CompleteAsync(
        DbConnection connection, DbTransaction? transaction, IdempotencyClaim claim, string answer, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(transaction,
            "UPDATE idempotency_keys SET answer = @answer, lock_token = NULL, locked_at = NULL " +
            "WHERE scope = @scope AND idempotency_key = @key AND lock_token = @lock_token");
        command.AddParameter("@answer", answer);
        AddKey(command, claim.Request);
        command.AddParameter("@lock_token", claim.LockToken!);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "DELETE FROM idempotency_keys WHERE scope = @scope AND idempotency_key = @key AND lock_token = @lock_token");
        AddKey(command, claim.Request);
        command.AddParameter("@lock_token", claim.LockToken!);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the keys that expired; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("DELETE FROM idempotency_keys WHERE expires_at <= @now");
        command.AddParameter("@now", time.GetUtcNow().ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<bool> InsertAsync(DbConnection connection, IdempotentRequest request, string lockToken, long now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(null,
            "INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, lock_token, locked_at, answer, created_at, expires_at) " +
            "VALUES (@scope, @key, @fingerprint, @lock_token, @now, NULL, @now, @expires_at) ON CONFLICT (scope, idempotency_key) DO NOTHING");
        AddRow(command, request, lockToken, now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    // Conditional on what made the key free when it was read, so of two racing takers only one succeeds.
    private async Task<bool> TakeOverAsync(DbConnection connection, IdempotentRequest request, string lockToken, long now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(null,
            "UPDATE idempotency_keys SET fingerprint = @fingerprint, lock_token = @lock_token, locked_at = @now, answer = NULL, " +
            "created_at = @now, expires_at = @expires_at " +
            "WHERE scope = @scope AND idempotency_key = @key AND (expires_at <= @now " +
            "OR (answer IS NULL AND fingerprint = @fingerprint AND locked_at <= @stale_before))");
        AddRow(command, request, lockToken, now);
        command.AddParameter("@stale_before", now - (long)_settings.LockTimeout.TotalMilliseconds);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<Row?> FindAsync(DbConnection connection, IdempotentRequest request, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(null,
            "SELECT fingerprint, answer, locked_at, expires_at FROM idempotency_keys WHERE scope = @scope AND idempotency_key = @key");
        AddKey(command, request);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Row(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetInt64(2),
            reader.GetInt64(3));
    }

    private void AddRow(DbCommand command, IdempotentRequest request, string lockToken, long now)
    {
        AddKey(command, request);
        command.AddParameter("@fingerprint", request.Fingerprint);
        command.AddParameter("@lock_token", lockToken);
        command.AddParameter("@now", now);
        command.AddParameter("@expires_at", now + (long)_settings.KeyLifetime.TotalMilliseconds);
    }

    private static void AddKey(DbCommand command, IdempotentRequest request)
    {
        command.AddParameter("@scope", request.Scope);
        command.AddParameter("@key", request.Key);
    }

    private sealed record Row(string Fingerprint, string? Answer, long? LockedAt, long ExpiresAt);
}
