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
        var lease = PostgreSqlTurnConnection.TryBorrow(this, out var turnConnection) is { } turn
            ? new PostgreSqlConnectionLease(turnConnection!, turn)
            : new PostgreSqlConnectionLease(await source.OpenConnectionAsync(cancellationToken), null);
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
    public async Task<List<T>> DocumentsAsync<T>(string sql, Func<T, int, T>? withVersion, CancellationToken cancellationToken, params object?[] values)
    {
        await using var lease = await OpenAsync(cancellationToken);
        return await DocumentsAsync(lease.Connection, sql, withVersion, cancellationToken, values);
    }

    public static async Task<List<T>> DocumentsAsync<T>(NpgsqlConnection connection, string sql, Func<T, int, T>? withVersion, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
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
