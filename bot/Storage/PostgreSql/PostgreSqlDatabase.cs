using Npgsql;
using NpgsqlTypes;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL database of the process: one pooled <see cref="NpgsqlDataSource"/>, and helpers that keep every
/// value a parameter ($1, $2, …), never text in the SQL.
/// </summary>
internal sealed class PostgreSqlDatabase(NpgsqlDataSource source) : IAsyncDisposable
{
    public NpgsqlDataSource Source => source;

    /// <summary>The stores' database, with the module's connection defaults (<see cref="PostgreSqlConnectionSettings"/>).</summary>
    public static PostgreSqlDatabase Create(string connectionString) =>
        new(NpgsqlDataSource.Create(PostgreSqlConnectionSettings.For(connectionString)));

    /// <summary>
    /// A connection for one store call: the current turn's when it has one free (<see cref="PostgreSqlTurnConnection"/>),
    /// else a pooled one. A write the turn holds for its end is stored on it first, so the call reads and writes after it.
    /// </summary>
    public async ValueTask<PostgreSqlConnectionLease> OpenAsync(CancellationToken cancellationToken)
    {
        var lease = await LeaseAsync(cancellationToken);
        try
        {
            await PostgreSqlTurnConnection.StoreHeldAsync(this, lease.Connection, cancellationToken);
            return lease;
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection for one store call, as <see cref="OpenAsync"/> but leaving the turn's held writes to the caller.</summary>
    private async ValueTask<PostgreSqlConnectionLease> LeaseAsync(CancellationToken cancellationToken) =>
        PostgreSqlTurnConnection.TryBorrow(this, out var turnConnection) is { } turn
            ? new PostgreSqlConnectionLease(turnConnection!, turn)
            : new PostgreSqlConnectionLease(await source.OpenConnectionAsync(cancellationToken), null);

    /// <summary>
    /// Runs the query <paramref name="read"/> after the writes the current turn holds, if any, in the same round trip:
    /// the writes first, committed on their own (an error barrier after them), then the query, which sees them. The
    /// reader is at the query's result. If a held write is refused or fails, none is stored and this throws as
    /// <see cref="OpenAsync"/> would have; the query may then have run, but it only reads.
    /// </summary>
    private async Task<NpgsqlDataReader> ReadAfterHeldAsync(NpgsqlBatch batch, NpgsqlBatchCommand read, CancellationToken cancellationToken)
    {
        var held = PostgreSqlTurnConnection.TakeHeldOf(this);
        if (held is null)
        {
            batch.BatchCommands.Add(read);
            return await batch.ExecuteReaderAsync(cancellationToken);
        }

        held.AddTo(batch, barrierAfter: true);
        batch.BatchCommands.Add(read);
        NpgsqlDataReader? reader = null;
        try
        {
            // Each held write returns one row (PostgreSqlTurnConnection.TryHold), so the query's result is the last.
            reader = await batch.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; i < held.Count; i++)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            return reader;
        }
        catch (Exception error)
        {
            if (reader is not null)
            {
                await reader.DisposeAsync();
            }

            // Also when only the query failed: forgetting what the writes' owners assumed is safe either way.
            if (held.NotStored(error) is { } refusal)
            {
                throw refusal;
            }

            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction; it commits unless <paramref name="work"/> returns false or throws.</summary>
    public async Task<bool> InTransactionAsync(Func<NpgsqlConnection, CancellationToken, Task<bool>> work, CancellationToken cancellationToken)
    {
        await using var lease = await OpenAsync(cancellationToken);
        var connection = lease.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await work(connection, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The documents (first column) a query returns, with the second column as an int when asked.</summary>
    /// <remarks>A query only (<paramref name="sql"/> writes nothing): it goes in one round trip with the turn's held writes.</remarks>
    public async Task<List<T>> QueryDocumentsAsync<T>(string sql, Func<T, int, T>? withVersion, CancellationToken cancellationToken, params object?[] values)
    {
        await using var lease = await LeaseAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(lease.Connection);
        await using var reader = await ReadAfterHeldAsync(batch, BatchCommand(sql, values), cancellationToken);
        return await DocumentsAsync(reader, withVersion, cancellationToken);
    }

    /// <summary>The documents (first column) a writing statement returns (<c>UPDATE … RETURNING</c>), with the second column as an int when asked.</summary>
    public async Task<List<T>> DocumentsAsync<T>(string sql, Func<T, int, T>? withVersion, CancellationToken cancellationToken, params object?[] values)
    {
        await using var lease = await OpenAsync(cancellationToken);
        return await DocumentsAsync(lease.Connection, sql, withVersion, cancellationToken, values);
    }

    public static async Task<List<T>> DocumentsAsync<T>(NpgsqlConnection connection, string sql, Func<T, int, T>? withVersion, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await DocumentsAsync(reader, withVersion, cancellationToken);
    }

    private static async Task<List<T>> DocumentsAsync<T>(NpgsqlDataReader reader, Func<T, int, T>? withVersion, CancellationToken cancellationToken)
    {
        var found = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var value = StorageJson.Deserialize<T>(reader.GetString(0), typeof(T).Name);
            found.Add(withVersion is null ? value : withVersion(value, reader.GetInt32(1)));
        }

        return found;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var lease = await OpenAsync(cancellationToken);
        return await ExecuteAsync(lease.Connection, sql, cancellationToken, values);
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = Command(connection, sql, values);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs one statement built with <see cref="BatchCommand"/>.</summary>
    public async Task ExecuteAsync(NpgsqlBatchCommand statement, CancellationToken cancellationToken)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(lease.Connection) { BatchCommands = { statement } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var lease = await OpenAsync(cancellationToken);
        return await ScalarAsync(lease.Connection, sql, cancellationToken, values);
    }

    public static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = Command(connection, sql, values);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(Parameters(values));
        return command;
    }

    /// <summary>One statement for a batch, with the same parameters as <see cref="Command"/>.</summary>
    public static NpgsqlBatchCommand BatchCommand(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(Parameters(values));
        return command;
    }

    private static NpgsqlParameter[] Parameters(object?[] values) =>
        [.. values.Select(value => value switch
        {
            null => new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            Jsonb json => new NpgsqlParameter { Value = json.Text, NpgsqlDbType = NpgsqlDbType.Jsonb },
            JsonbArray array => new NpgsqlParameter { Value = array.Texts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
            string[] texts => new NpgsqlParameter { Value = texts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            _ => new NpgsqlParameter { Value = value },
        })];

    public ValueTask DisposeAsync() => source.DisposeAsync();
}

/// <summary>A record as a jsonb parameter.</summary>
internal sealed record Jsonb(string Text)
{
    public static Jsonb Of<T>(T value) => new(StorageJson.Serialize(value));
}

/// <summary>Records as a jsonb[] parameter (for unnest).</summary>
internal sealed record JsonbArray(string[] Texts);
