namespace Muster.Web;

/// <summary>How the web server runs: which database, whether uploads are allowed, and its limits.</summary>
public sealed record MusterWebOptions
{
    /// <summary>The record: a SQLite file, a PostgreSQL URI or an Npgsql connection string (see <see cref="Storage.RecordLocation"/>).</summary>
    public string DatabasePath { get; init; } = "muster.db";

    /// <summary>When set, <c>POST /api/documents</c> exists and requires <c>Authorization: Bearer TOKEN</c>.</summary>
    public string? Token { get; init; }

    /// <summary>The largest upload accepted.</summary>
    public long MaxUploadBytes { get; init; } = 5L * 1024 * 1024;

    /// <summary>How long a write (an upload, an event summary's refresh) waits for another writer before it is answered 503.</summary>
    public TimeSpan LockWait { get; init; } = Storage.RecordStores.DefaultLockWait;

    /// <summary>Reads <c>--db</c>, <c>--token</c> and <c>MUSTER_DB</c>/<c>MUSTER_TOKEN</c> for the standalone host.</summary>
    public static MusterWebOptions FromArguments(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        return new MusterWebOptions
        {
            DatabasePath = Value("--db") ?? Environment.GetEnvironmentVariable("MUSTER_DB") ?? "muster.db",
            Token = Value("--token") ?? Environment.GetEnvironmentVariable("MUSTER_TOKEN"),
        };
    }
}
