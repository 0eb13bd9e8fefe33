using Muster.Storage.Sql;
using Npgsql;

namespace Muster.Storage;

/// <summary>
/// Where the record is, as <c>--db</c> or <c>MUSTER_DB</c> names it: a SQLite file's path, a PostgreSQL URI
/// (<c>postgresql://user[:password]@host[:port]/database</c>, or <c>postgres://</c>), or an Npgsql connection string
/// (<c>Host=…;Database=…</c>).
/// </summary>
public abstract record RecordLocation
{
    /// <summary>How the location is named in messages (a password is never shown).</summary>
    public abstract string Display { get; }

    /// <summary>Reads a location; one that cannot be read says why in one line, naming it (without its password).</summary>
    public static bool TryParse(string text, out RecordLocation? location, out string? error)
    {
        location = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "an empty database name (a SQLite file, a postgresql:// URI or a Host=… connection string)";
            return false;
        }
        if (text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
            return TryParseUri(text, out location, out error);
        if (LooksLikeConnectionString(text))
            return TryParseConnectionString(text, out location, out error);
        location = new SqliteLocation(text);
        return true;
    }

    private static bool LooksLikeConnectionString(string text) =>
        text.Split(';').Any(part => part.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase) ||
                                    part.TrimStart().StartsWith("Server=", StringComparison.OrdinalIgnoreCase));

    private static bool TryParseUri(string text, out RecordLocation? location, out string? error)
    {
        location = null;
        var shown = Redact(text);
        const string form = "postgresql://user[:password]@host[:port]/database";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            error = $"{shown}: not a PostgreSQL URI ({form})";
            return false;
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/'))
        {
            error = $"{shown}: the URI names no database ({form})";
            return false;
        }
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']'), Database = database };
        if (!uri.IsDefaultPort && uri.Port > 0)
            builder.Port = uri.Port;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            try
            {
                builder[key] = Uri.UnescapeDataString(equals < 0 ? "" : pair[(equals + 1)..]);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                error = $"{shown}: the URI's parameter '{key}' is not an Npgsql setting or has a bad value";
                return false;
            }
        }
        location = new PostgresLocation(builder.ConnectionString, Shown(builder));
        error = null;
        return true;
    }

    private static bool TryParseConnectionString(string text, out RecordLocation? location, out string? error)
    {
        location = null;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(text);
            if (string.IsNullOrEmpty(builder.Host))
            {
                error = "the connection string names no Host";
                return false;
            }
            location = new PostgresLocation(builder.ConnectionString, Shown(builder));
            error = null;
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            error = $"not an Npgsql connection string ({e.Message.Split('\n')[0].Trim()})";
            return false;
        }
    }

    private static string Shown(NpgsqlConnectionStringBuilder builder) =>
        $"postgresql://{(string.IsNullOrEmpty(builder.Username) ? "" : Uri.EscapeDataString(builder.Username) + "@")}{builder.Host}:{builder.Port}/{builder.Database}";

    /// <summary>The URI with its password replaced, for messages.</summary>
    private static string Redact(string uri)
    {
        var scheme = uri.IndexOf("://", StringComparison.Ordinal) + 3;
        var at = uri.IndexOf('@', scheme);
        var colon = uri.IndexOf(':', scheme);
        return at > 0 && colon > 0 && colon < at ? uri[..(colon + 1)] + "***" + uri[at..] : uri;
    }
}

/// <summary>A SQLite file.</summary>
/// <param name="Path">The file's path.</param>
public sealed record SqliteLocation(string Path) : RecordLocation
{
    /// <inheritdoc />
    public override string Display => Path;
}

/// <summary>A database on a PostgreSQL server.</summary>
/// <param name="ConnectionString">Npgsql's connection string (it may hold a password: never shown).</param>
/// <param name="Shown">How it is named in messages.</param>
public sealed record PostgresLocation(string ConnectionString, string Shown) : RecordLocation
{
    /// <inheritdoc />
    public override string Display => Shown;

    /// <inheritdoc />
    public override string ToString() => Shown;
}

/// <summary>Opens the record wherever it is: every host (the CLI's commands, the web server) goes through here.</summary>
public static class RecordStores
{
    /// <summary>How long a write waits for another writer, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultLockWait = SqliteRecordStore.DefaultLockWait;

    /// <summary>Opens (creating a SQLite file, or the schema on a server, if needed) the record at <paramref name="location"/>.</summary>
    /// <exception cref="RecordStoreException">It cannot be opened; the message names it and says why.</exception>
    public static SqlRecordStore Open(RecordLocation location, TimeSpan? lockWait = null, double duplicateThreshold = 0.6) => location switch
    {
        SqliteLocation sqlite => new SqliteRecordStore(sqlite.Path, lockWait ?? DefaultLockWait) { DuplicateThreshold = duplicateThreshold },
        PostgresLocation postgres => new PostgresRecordStore(postgres.ConnectionString, postgres.Shown, lockWait ?? DefaultLockWait) { DuplicateThreshold = duplicateThreshold },
        _ => throw new ArgumentOutOfRangeException(nameof(location)),
    };

    /// <summary>Opens the record that <paramref name="text"/> names (see <see cref="RecordLocation"/>).</summary>
    /// <exception cref="RecordStoreException">The name cannot be read, or the record cannot be opened.</exception>
    public static SqlRecordStore Open(string text, TimeSpan? lockWait = null) =>
        RecordLocation.TryParse(text, out var location, out var error)
            ? Open(location!, lockWait)
            : throw new RecordStoreException("database " + error);
}
