using System.Text;
using Microsoft.Data.Sqlite;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Storage;

namespace Muster.Tests.Storage;

/// <summary>Search finds a word's other forms: English through the index's stemmer, Russian and Ukrainian through their stems.</summary>
public sealed class SearchStemmingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-search-").FullName;
    private readonly MusterPipeline _pipeline = new MusterPipelineBuilder().UseClaims().Build();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteRecordStore Store()
    {
        var store = new SqliteRecordStore(Path.Combine(_folder, "muster.db"));
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

    public static TheoryData<string, string> Queries => new()
    {
        { "повестки", "повестк*" },
        { "\"повестки вручили\"", "\"повестки вручили\"" },
        { "title:повестки OR summons", "title:повестк* OR summons" },
        { "повест*", "повест*" },
        { "мобілізація AND Київ", "мобілізаці* AND київ*" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void OnlyBareCyrillicWordsAreRewritten(string query, string expected) =>
        Assert.Equal(expected, SearchTerms.Query(query));
}
