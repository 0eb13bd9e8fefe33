using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Muster.Storage;
using Muster.Web;
using Npgsql;

namespace Muster.Benchmarks;

/// <summary>
/// Query latency through the HTTP API: Muster's web application on a loopback port (Kestrel, real HTTP), one
/// client sending requests one after another. Filter values come from the database itself (its most and least
/// common claim types, places and stances), so the queries hit real rows. The record is a SQLite file or a
/// PostgreSQL database (<c>postgresql://…</c>), as <c>--db</c> takes it.
/// </summary>
public static class LatencyRun
{
    /// <param name="db">The record, as <c>--db</c> names it.</param>
    /// <param name="rounds">How many times every URL is requested once warm.</param>
    /// <param name="only">Only the URLs of this kind (<c>claims</c>, <c>search</c>, <c>stories</c>, <c>timeline</c>); all when null.</param>
    /// <param name="prefix">Put before every key of the result (the <c>workers</c> part measures two records).</param>
    public static async Task<Dictionary<string, object?>> Run(string db, int rounds, string? only = null, string prefix = "")
    {
        var values = Values(db);
        var urls = Urls(values).Where(u => only is null || u.Kind == only).ToList();
        if (urls.Count == 0)
            throw new ArgumentException($"no latency URLs of kind '{only}' (claims, search, stories, timeline)", nameof(only));
        var port = FreePort();
        var app = MusterWebApp.Build(new MusterWebOptions { DatabasePath = db }, ["--urls", $"http://127.0.0.1:{port}"]);
        await app.StartAsync();
        var results = new Dictionary<string, object?>();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            var errors = 0;
            async Task<double> Get(string url)
            {
                var clock = Stopwatch.StartNew();
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                _ = await response.Content.ReadAsByteArrayAsync();
                var ms = clock.Elapsed.TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    errors++;
                    Console.Error.WriteLine($"latency: {url} answered {(int)response.StatusCode}");
                }
                return ms;
            }
            // The first request of each URL: a cold cache (SQLite's pages, the aggregate cache, JIT for the first).
            await Get("/api/claims?limit=1");
            var cold = new Dictionary<string, List<double>>();
            foreach (var (kind, url) in urls)
                (cold.TryGetValue(kind, out var list) ? list : cold[kind] = []).Add(await Get(url));
            var warm = new Dictionary<string, List<double>>();
            var perUrl = new Dictionary<string, List<double>>();
            for (var round = 0; round < rounds; round++)
                foreach (var (kind, url) in urls)
                {
                    var ms = await Get(url);
                    (warm.TryGetValue(kind, out var list) ? list : warm[kind] = []).Add(ms);
                    (perUrl.TryGetValue(url, out var mine) ? mine : perUrl[url] = []).Add(ms);
                }
            foreach (var (name, list) in warm)
            {
                results[$"{prefix}{name}_p50_ms"] = Math.Round(Percentile(list, 50), 2);
                results[$"{prefix}{name}_p95_ms"] = Math.Round(Percentile(list, 95), 2);
                results[$"{prefix}{name}_cold_max_ms"] = Math.Round(cold[name].Max(), 1);
                var slowest = urls.Where(u => u.Kind == name).Select(u => (u.Url, P95: Percentile(perUrl[u.Url], 95))).MaxBy(u => u.P95);
                results[$"{prefix}{name}_slowest"] = $"{slowest.Url} p95 {slowest.P95:F1} ms";
            }
            results[$"{prefix}latency_requests"] = warm.Values.Sum(l => l.Count);
            results[$"{prefix}latency_errors"] = errors;
            results[$"{prefix}latency_db_claims"] = values.Claims;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
        }
        return results;
    }

    /// <summary>The value at or below which <paramref name="percent"/> of the samples fall (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> samples, double percent)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private sealed record FilterValues(long Claims, string[] Types, string[] Places, string[] Countries, string[] Stances, string? From, string? To);

    /// <summary>A connection to the record <paramref name="db"/> names (read-only for SQLite), opened.</summary>
    internal static DbConnection Open(string db)
    {
        if (!RecordLocation.TryParse(db, out var location, out var error))
            throw new ArgumentException("--db " + error, nameof(db));
        DbConnection connection = location switch
        {
            PostgresLocation postgres => new NpgsqlConnection(postgres.ConnectionString),
            SqliteLocation sqlite => new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlite.Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()),
            _ => throw new ArgumentOutOfRangeException(nameof(db)),
        };
        connection.Open();
        return connection;
    }

    private static FilterValues Values(string db)
    {
        using var connection = Open(db);
        string[] Column(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var list = new List<string>();
            while (reader.Read())
                if (!reader.IsDBNull(0))
                    list.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
            return list.ToArray();
        }
        static string[] Ends(string[] ranked) => ranked.Length <= 1 ? ranked : [ranked[0], ranked[^1]];
        var claims = Convert.ToInt64(Column("SELECT CAST(COUNT(*) AS TEXT) FROM claims")[0], System.Globalization.CultureInfo.InvariantCulture);
        var types = Ends(Column("SELECT type FROM claims GROUP BY type ORDER BY COUNT(*) DESC, type"));
        var places = Ends(Column("SELECT code FROM claim_places WHERE code IS NOT NULL GROUP BY code ORDER BY COUNT(*) DESC, code"));
        var countries = Column("SELECT country FROM claim_places WHERE country IS NOT NULL GROUP BY country ORDER BY COUNT(*) DESC, country LIMIT 1");
        var stances = Ends(Column("SELECT stance FROM claims GROUP BY stance ORDER BY COUNT(*) DESC, stance"));
        var days = Column("SELECT date_from FROM claims WHERE date_from IS NOT NULL ORDER BY date_from");
        // A range covering the middle of the dates (a quarter of them, roughly).
        var (from, to) = days.Length == 0 ? (null, null) : (days[days.Length * 3 / 8], days[days.Length * 5 / 8]);
        return new FilterValues(claims, types, places, countries, stances, from, to);
    }

    private static List<(string Kind, string Url)> Urls(FilterValues v)
    {
        var urls = new List<(string, string)>();
        void Claims(string query) => urls.Add(("claims", "/api/claims" + (query.Length == 0 ? "" : "?" + query)));
        string E(string value) => Uri.EscapeDataString(value);
        Claims("");
        foreach (var type in v.Types)
            Claims($"type={E(type)}");
        foreach (var place in v.Places)
            Claims($"place={E(place)}");
        foreach (var country in v.Countries)
            Claims($"country={E(country)}");
        foreach (var stance in v.Stances)
            Claims($"stance={E(stance)}");
        if (v.Types.Length > 0 && v.Places.Length > 0)
        {
            Claims($"type={E(v.Types[0])}&place={E(v.Places[0])}");
            Claims($"type={E(v.Types[^1])}&place={E(v.Places[0])}");
        }
        if (v.Types.Length > 0 && v.Stances.Length > 0)
            Claims($"type={E(v.Types[0])}&stance={E(v.Stances[^1])}");
        if (v.Places.Length > 0 && v.Stances.Length > 0)
            Claims($"place={E(v.Places[0])}&stance={E(v.Stances[0])}");
        if (v.Types.Length > 0 && v.Places.Length > 0 && v.Stances.Length > 0)
            Claims($"type={E(v.Types[0])}&place={E(v.Places[^1])}&stance={E(v.Stances[0])}");
        if (v.From is not null && v.Types.Length > 0)
            Claims($"type={E(v.Types[0])}&from={v.From}&to={v.To}");
        if (v.Types.Length > 0)
            Claims($"type={E(v.Types[0])}&offset=1000&limit=50");
        Claims("q=police");

        foreach (var q in new[] { "police", "summonses", "\"enlistment office\"", "Tokmak", "migrant* AND detained", "governor NOT denied" })
            urls.Add(("search", "/api/search?q=" + E(q)));

        // The feed's queries: stories, relevant ones, those with a claim of a type, and those whose claims' evidence
        // holds a word (issue 16 measured 6.7 s a request for q=summons at 17.7k stories).
        urls.Add(("stories", "/api/stories"));
        urls.Add(("stories", "/api/stories?relevant=true"));
        if (v.Types.Length > 0)
            urls.Add(("stories", $"/api/stories?type={E(v.Types[0])}"));
        foreach (var q in new[] { "summons", "police" })
            urls.Add(("stories", "/api/stories?q=" + E(q)));

        urls.Add(("timeline", "/api/timeline"));
        urls.Add(("timeline", "/api/timeline?interval=week"));
        if (v.Types.Length > 0)
            urls.Add(("timeline", $"/api/timeline?type={E(v.Types[0])}"));
        if (v.Places.Length > 0)
            urls.Add(("timeline", $"/api/timeline?place={E(v.Places[0])}"));
        return urls;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
