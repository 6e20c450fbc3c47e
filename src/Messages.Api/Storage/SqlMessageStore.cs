using System.Data.Common;
using Messages.Features.Idempotency;
using Messages.Features.MessageBoard;

namespace Messages.Api.Storage;

/// <summary>
/// Messages in plain SQL that SQLite and PostgreSQL both accept (@name parameters, LIMIT). Times are
/// unix milliseconds; the list is keyset-paged on (created_at, id), newest first, using the index.
/// </summary>
internal sealed class SqlMessageStore(MessageDatabase database) : IMessageStore
{
    private const string Columns = "id, text, author, created_at";

    public async Task AddAsync(BoardMessage message, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        if (claim is null)
        {
            await InsertAsync(connection, null, message, cancellationToken);
            return;
        }

        // The message and its key's answer commit together: after a crash either both exist (a retry
        // replays the answer) or neither (a retry creates the message once).
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertAsync(connection, transaction, message, cancellationToken);
        if (!await SqlIdempotencyStore.CompleteAsync(connection, transaction, claim, IdempotencyClaim.SerializeAnswer(message), cancellationToken))
        {
            throw IdempotencyError.InProgress();
        }

        await transaction.CommitAsync(cancellationToken);
        claim.MarkCompleted();
    }

    public async Task<BoardMessage?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM messages WHERE id = @id");
        command.AddParameter("@id", id);
        var rows = await ReadAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<BoardMessage>> ListAsync(MessageCursor? after, int count, CancellationToken cancellationToken)
    {
        var where = after is null ? string.Empty : "WHERE created_at < @created_at OR (created_at = @created_at AND id < @id) ";
        await using var command = database.DataSource.CreateCommand(
            $"SELECT {Columns} FROM messages {where}ORDER BY created_at DESC, id DESC LIMIT @count");
        if (after is { } cursor)
        {
            command.AddParameter("@created_at", cursor.CreatedAtUnixMilliseconds);
            command.AddParameter("@id", cursor.Id);
        }

        command.AddParameter("@count", count);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string id, string author, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("DELETE FROM messages WHERE id = @id AND author = @author");
        command.AddParameter("@id", id);
        command.AddParameter("@author", author);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction? transaction, BoardMessage message, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(transaction,
            "INSERT INTO messages (id, text, author, created_at) VALUES (@id, @text, @author, @created_at)");
        command.AddParameter("@id", message.Id);
        command.AddParameter("@text", message.Text);
        command.AddParameter("@author", message.Author);
        command.AddParameter("@created_at", message.CreatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<BoardMessage>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var messages = new List<BoardMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new BoardMessage(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        }

        return messages;
    }
}
