using System.Text;
using Microsoft.Data.Sqlite;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Storage;
using Muster.Web.Apis;

namespace Muster.Tests.Web;

/// <summary>Aggregates are cached per record: two records at the same data version never answer for each other.</summary>
public sealed class AggregateCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-cache-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteRecordStore StoreWith(string name, string text)
    {
        var store = new SqliteRecordStore(Path.Combine(_folder, name + ".db"));
        var page = new MusterPipelineBuilder().UseClaims().Build().Process(new PageInput(name + ".txt", Encoding.UTF8.GetBytes(text), null)).Document!;
        store.Save(page, DateTimeOffset.UnixEpoch);
        return store;
    }

    [Fact]
    public void TwoRecordsAtTheSameVersionKeepTheirOwnAggregates()
    {
        using var penza = StoreWith("penza", "Recruiters handed out summonses to 40 men in Penza on Monday, the governor said.\n");
        using var lviv = StoreWith("lviv", "Recruiters handed out summonses to 40 men in Lviv on Monday, the police said.\n");
        Assert.Equal(penza.DataVersion(), lviv.DataVersion());
        var cache = new AggregateCache();
        var first = cache.Get(penza, "places", () => penza.CountPlaces(new ClaimFilter()).Select(p => p.Code).ToList());
        var second = cache.Get(lviv, "places", () => lviv.CountPlaces(new ClaimFilter()).Select(p => p.Code).ToList());
        Assert.Equal(["RU-PNZ"], first);
        Assert.Equal(["UA-46"], second);
    }
}
