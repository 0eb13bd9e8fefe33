using System.Data.Common;

namespace Muster.Storage.Sql;

/// <summary>
/// One connection to the record and the write transaction open on it, if any: runs plain SQL with named
/// parameters (<c>@name</c>), never text built from input. Commands are kept per SQL text once used, so a
/// statement is prepared once, not on every call (an ingest runs the same few dozen statements for every page).
/// </summary>
internal sealed class SqlSession(DbConnection connection, SqlDialect dialect) : IDisposable
{
    private readonly Dictionary<string, Stack<DbCommand>> _pool = new(StringComparer.Ordinal);

    /// <summary>The connection.</summary>
    public DbConnection Connection { get; } = connection;

    /// <summary>What this backend says differently.</summary>
    public SqlDialect Dialect { get; } = dialect;

    /// <summary>The write transaction open on the connection, which every command joins; null between writes.</summary>
    public DbTransaction? Transaction { get; set; }

    /// <summary>Seconds a statement outside a write transaction may take (a read waits for a lock as long as a write would).</summary>
    public int ReadTimeout { get; set; } = 30;

    /// <summary>Seconds a statement inside a write transaction may take: the retry around the transaction does the waiting.</summary>
    public int WriteTimeout { get; set; } = 30;

    /// <summary>Runs a statement.</summary>
    public void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Prepare(sql, parameters);
        command.Command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row, or null.</summary>
    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Prepare(sql, parameters);
        var value = command.Command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Every row, each mapped by <paramref name="map"/> while the reader is on it.</summary>
    public List<T> Rows<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var command = Prepare(sql, parameters);
        using var reader = command.Command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(map(reader));
        return rows;
    }

    /// <summary>A command lent from the pool, with its parameters bound; disposing it gives it back.</summary>
    public PooledCommand Prepare(string sql, params (string Name, object? Value)[] parameters)
    {
        DbCommand command;
        if (_pool.TryGetValue(sql, out var free) && free.Count > 0)
        {
            command = free.Pop();
            command.Parameters.Clear();
        }
        else
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
        }
        command.Transaction = Transaction;
        command.CommandTimeout = Transaction is null ? ReadTimeout : WriteTimeout;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return new PooledCommand(this, command);
    }

    private void Return(DbCommand command)
    {
        command.Transaction = null;
        // A kept command must not keep its last values: a page's text and body (megabytes for a large page) would
        // stay reachable until the statement runs again. (Npgsql keeps the parameters of a command's last run beside
        // its collection, so each value is let go, not only the collection emptied.)
        foreach (DbParameter parameter in command.Parameters)
            parameter.Value = DBNull.Value;
        command.Parameters.Clear();
        if (!_pool.TryGetValue(command.CommandText, out var free))
            _pool[command.CommandText] = free = new Stack<DbCommand>();
        if (free.Count < 4)
            free.Push(command);
        else
            command.Dispose();
    }

    /// <summary>A command lent from the pool: a statement run again while its reader is open gets a command of its own.</summary>
    public sealed class PooledCommand(SqlSession session, DbCommand command) : IDisposable
    {
        /// <summary>The command.</summary>
        public DbCommand Command => command;

        /// <inheritdoc />
        public void Dispose() => session.Return(command);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var command in _pool.Values.SelectMany(c => c))
            command.Dispose();
        _pool.Clear();
        Connection.Dispose();
    }
}
