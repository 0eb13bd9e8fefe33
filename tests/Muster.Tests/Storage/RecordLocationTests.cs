using Muster.Storage;
using Npgsql;

namespace Muster.Tests.Storage;

/// <summary>What <c>--db</c> and <c>MUSTER_DB</c> take: a SQLite path, a PostgreSQL URI or an Npgsql connection string.</summary>
public sealed class RecordLocationTests
{
    public static TheoryData<string, string, string, int, string, string?, string?> Servers => new()
    {
        // reason, text, host, port, database, user, password
        { "a full URI", "postgresql://muster:s3cret@db.example:6543/record", "db.example", 6543, "record", "muster", "s3cret" },
        { "the short scheme, the default port, no password", "postgres://muster@localhost/record", "localhost", 5432, "record", "muster", null },
        { "escaped characters in the password", "postgresql://muster:p%40ss%3Aword@127.0.0.1/record", "127.0.0.1", 5432, "record", "muster", "p@ss:word" },
        { "no user at all", "postgresql://127.0.0.1:5433/record", "127.0.0.1", 5433, "record", null, null },
        { "an Npgsql connection string", "Host=db.example;Port=6543;Database=record;Username=muster;Password=s3cret", "db.example", 6543, "record", "muster", "s3cret" },
    };

    [Theory]
    [MemberData(nameof(Servers))]
    public void AServerIsReadFromAUriOrAConnectionString(string reason, string text, string host, int port, string database, string? user, string? password)
    {
        Assert.True(RecordLocation.TryParse(text, out var location, out var error), $"{reason}: {error}");
        var postgres = Assert.IsType<PostgresLocation>(location);
        var builder = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
        Assert.Equal((host, port, database, user, password), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        // The password is never shown.
        Assert.DoesNotContain("s3cret", postgres.Display, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", postgres.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("muster.db")]
    [InlineData("/var/lib/muster/record.db")]
    [InlineData("postgresql.db")]
    public void AnythingElseIsASqliteFile(string text)
    {
        Assert.True(RecordLocation.TryParse(text, out var location, out _));
        Assert.Equal(text, Assert.IsType<SqliteLocation>(location).Path);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "no database in the path", "postgresql://muster:s3cret@db.example:5432/", "names no database" },
        { "a port that is no number", "postgresql://muster:s3cret@db.example:port/record", "not a PostgreSQL URI" },
        { "no host", "postgres:///record", "not a PostgreSQL URI" },
        { "a parameter Npgsql does not know", "postgresql://muster:s3cret@db.example/record?colour=blue", "'colour'" },
        { "a connection string with a key Npgsql does not know", "Host=db.example;Colour=blue", "not an Npgsql connection string" },
        { "nothing", " ", "empty database name" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void AMalformedLocationIsOneLineNamingItWithoutItsPassword(string reason, string text, string expected)
    {
        Assert.False(RecordLocation.TryParse(text, out var location, out var error), reason);
        Assert.Null(location);
        Assert.True(error!.Contains(expected, StringComparison.Ordinal), $"{reason}: {error}");
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain("s3cret", error, StringComparison.Ordinal);
    }
}
