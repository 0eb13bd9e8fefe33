using Muster.Storage;
using Muster.Storage.Postgres;
using Muster.Storage.Sqlite;

namespace Muster.Tests.Storage;

/// <summary>A search as a value: read once from what a person typed, written in each backend's own syntax.</summary>
public sealed class SearchQueryTests
{
    public static TheoryData<string, string, string, string> Written => new()
    {
        // reason, query, FTS5 (SQLite), to_tsquery (PostgreSQL)
        { "an English word is left to the index's stemmer", "summonses", "\"summonses\"", "'summonses'" },
        { "a bare Russian word is a prefix of its stem", "повестки", "\"повестк\"*", "'повестк':*" },
        { "a quoted word is looked for as written", "\"повестки\"", "\"повестки\"", "('повестки')" },
        { "a phrase stays a phrase", "\"повестки вручили\"", "\"повестки вручили\"", "('повестки' <-> 'вручили')" },
        { "a column and OR", "title:повестки OR summons", "(title : \"повестк\"* OR \"summons\")", "('повестк':*A | 'summons')" },
        { "a prefix stays a prefix", "повест*", "\"повест\"*", "'повест':*" },
        { "AND, and Ukrainian stems", "мобілізація AND Київ", "(\"мобілізаці\"* AND \"київ\"*)", "('мобілізаці':* & 'київ':*)" },
        { "words side by side must all match", "summons Penza", "(\"summons\" AND \"Penza\")", "('summons' & 'Penza')" },
        { "NOT excludes", "summons NOT Penza", "(\"summons\" NOT \"Penza\")", "('summons' & !'Penza')" },
        { "parentheses group", "(raids OR summons) Penza", "((\"raids\" OR \"summons\") AND \"Penza\")", "(('raids' | 'summons') & 'Penza')" },
        { "punctuation is no operator: a word with a hyphen is its words in a row", "e-mail", "\"e mail\"", "('e' <-> 'mail')" },
        { "a quote in a backend's syntax is data", "O'Brien", "\"O Brien\"", "('O' <-> 'Brien')" },
    };

    [Theory]
    [MemberData(nameof(Written))]
    public void EachBackendWritesTheQueryInItsOwnSyntax(string reason, string query, string fts5, string tsquery)
    {
        var parsed = SearchQuery.From(query);
        Assert.True(fts5 == SqliteSearch.Fts5(parsed.Root), $"{reason}: FTS5 {SqliteSearch.Fts5(parsed.Root)}");
        Assert.True(tsquery == PostgresSearch.TsQuery(parsed.Root), $"{reason}: tsquery {PostgresSearch.TsQuery(parsed.Root)}");
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "a quote never closed", "\"unterminated", "unterminated phrase" },
        { "nothing to look for", "   ", "no words" },
        { "an operator with nothing after it", "summons AND", "ends after 'AND'" },
        { "an operator first", "OR summons", "unexpected 'OR'" },
        { "a parenthesis never closed", "(summons OR raids", "never closed" },
        { "a closing parenthesis too many", "summons)", "unexpected ')'" },
        { "punctuation only", "\"...\"", "no letter or digit" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void AQueryThatCannotBeReadSaysWhyInOneLine(string reason, string query, string expected)
    {
        var parsed = SearchQuery.Parse(query);
        Assert.Null(parsed.Query);
        Assert.True(parsed.Error?.Contains(expected, StringComparison.Ordinal) == true, $"{reason}: {parsed.Error}");
        Assert.DoesNotContain('\n', parsed.Error!);
        Assert.Throws<SearchSyntaxException>(() => SearchQuery.From(query));
    }

    [Fact]
    public void AHighlightIsReadFromABackendsMarkersAndNoMarkerReachesTheCaller()
    {
        var highlight = Highlight.FromMarked("Offices \u0002served\u0003 \u0002summonses\u0003 to men", '\u0002', '\u0003');
        Assert.Equal([new HighlightPart("Offices ", false), new HighlightPart("served", true), new HighlightPart(" ", false),
            new HighlightPart("summonses", true), new HighlightPart(" to men", false)], highlight.Parts);
        Assert.Equal("Offices served summonses to men", highlight.Text);
        Assert.Equal("Offices «served» «summonses» to men", highlight.Mark("«", "»"));
    }
}
