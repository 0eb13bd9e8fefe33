using System.Text;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Storage;
using Muster.Storage.Sql;
using Muster.Tests.Storage.Backends;

namespace Muster.Tests.Storage;

/// <summary>Search finds a word's other forms: English through the index's stemmer, Russian and Ukrainian through their stems.</summary>
public abstract class SearchStemmingSuite(StoreBackend backend) : IDisposable
{
    private readonly MusterPipeline _pipeline = new MusterPipelineBuilder().UseClaims().Build();

    public void Dispose()
    {
        backend.Dispose();
        GC.SuppressFinalize(this);
    }

    private SqlRecordStore Store()
    {
        var store = backend.Open();
        var pages = new[]
        {
            ("en.txt", "Offices in Penza served summonses\n\nEnlistment offices in Penza served summonses to 40 men on Monday, the governor said.\n"),
            ("ru.txt", "Повестки в Пензе\n\nВоенкоматы Пензы вручили повестки сорока мужчинам в понедельник, сообщил губернатор.\n"),
            ("uk.txt", "Повістки у Львові\n\nУ Львові працівники ТЦК вручили повістки мобілізованим чоловікам, повідомили в обласній адміністрації.\n"),
        };
        foreach (var (name, text) in pages)
            store.Save(_pipeline.Process(new PageInput(name, Encoding.UTF8.GetBytes(text), null)).Document!, DateTimeOffset.UnixEpoch);
        return store;
    }

    public static TheoryData<string, string, string> Searches => new()
    {
        { "en: the plural finds the plural's stem", "summonses", "en.txt" },
        { "en: another form of the verb", "serving", "en.txt" },
        { "ru: the singular finds the plural", "повестка", "ru.txt" },
        { "ru: another case of the noun", "военкоматов", "ru.txt" },
        { "uk: the singular finds the plural", "повістка", "uk.txt" },
        { "uk: another case of the participle", "мобілізованих", "uk.txt" },
    };

    [Theory]
    [MemberData(nameof(Searches))]
    public void AWordFindsItsOtherForms(string reason, string query, string page)
    {
        using var store = Store();
        var hits = store.Search(query, 10);
        Assert.True(hits.Any(h => store.FindStory(h.StoryId)?.Source == page), $"{reason}: {string.Join(", ", hits.Select(h => h.StoryId))}");
    }

    [Fact]
    public void AClaimTextFilterFindsTheFormsToo()
    {
        using var store = Store();
        var claims = store.ListClaims(new ClaimFilter(Text: "повестка"), 10);
        Assert.Contains(claims, c => c.Source == "ru.txt");
        Assert.DoesNotContain(claims, c => c.Source == "en.txt");
    }
}

/// <summary>Search stemming on SQLite (FTS5). How each backend writes a query: <see cref="SearchQueryTests"/>.</summary>
public sealed class SearchStemmingTests() : SearchStemmingSuite(new SqliteBackend());

/// <summary>Search stemming on PostgreSQL (tsvector: english, russian, simple for Ukrainian).</summary>
public sealed class PostgresSearchStemmingTests(PostgresServer server) : SearchStemmingSuite(new PostgresBackend(server));
