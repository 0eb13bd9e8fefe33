using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Muster.Storage;

/// <summary>
/// A connection of its own to the record's database file, for tables beside the record (the watcher's state, saved
/// queries and alerts). Opening it first brings the schema up to date through <see cref="SqliteRecordStore"/>, which
/// owns the migrations; its writes are short transactions that wait for other writers as the record's do.
/// </summary>
internal sealed class SqliteSideTables : IDisposable
{
    private readonly SqliteConnection _connection;

    /// <summary>Held by every use of the connection: the watcher reads its state from the fetching tasks while it writes from the storing one.</summary>
    public Lock Gate { get; } = new();

    public SqliteSideTables(string path, TimeSpan lockWait)
    {
        using (new SqliteRecordStore(path, lockWait))
        {
            // Opening the record migrates the schema (its tables and these) under the write lock.
        }
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(lockWait.TotalSeconds),
        };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        try
        {
            Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout={(long)lockWait.TotalMilliseconds};"));
            Execute("PRAGMA foreign_keys=ON;");
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Runs <paramref name="write"/> in one write transaction (BEGIN IMMEDIATE), committed when it returns.</summary>
    public T Write<T>(Func<SqliteTransaction, T> write)
    {
        lock (Gate)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var result = write(transaction);
            transaction.Commit();
            return result;
        }
    }

    public void Write(Action<SqliteTransaction> write) => Write(t =>
    {
        write(t);
        return 0;
    });

    public SqliteCommand Command(string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public int Execute(string sql, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        lock (Gate)
        {
            using var command = Command(sql, transaction, parameters);
            return command.ExecuteNonQuery();
        }
    }

    public object? Scalar(string sql, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        lock (Gate)
        {
            using var command = Command(sql, transaction, parameters);
            var value = command.ExecuteScalar();
            return value is DBNull ? null : value;
        }
    }

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        lock (Gate)
        {
            using var command = Command(sql, transaction, parameters);
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
                rows.Add(map(reader));
            return rows;
        }
    }

    public static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ReadStamp(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static string? Text(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
