using Muster.Claims;
using Muster.Events;
using Muster.Storage;

namespace Muster.Web.Apis;

/// <summary>A place of a claim.</summary>
public sealed record PlaceDto(string Name, string? Code, string? Country, double? Lat, double? Lon, string Kind);

/// <summary>A claim's count.</summary>
public sealed record QuantityDto(double? Min, double? Max, bool Approx, string Unit);

/// <summary>A claim as the API returns it.</summary>
public sealed record ClaimDto(string Story, string Page, string? Outlet, string Type, string Stance, string Evidence, int Start, int End,
    IReadOnlyList<PlaceDto> Places, QuantityDto? Quantity, string? Source, IReadOnlyList<string> Via, string? Date, double Confidence, string? Event)
{
    internal static ClaimDto From(string story, string page, string? outlet, Claim c, string? eventId = null) => new(story, page, outlet, c.Type,
        DomainNames.StanceName(c.Stance), c.Evidence, c.Span.Start, c.Span.End,
        c.Places.Select(p => new PlaceDto(p.Name, p.Code, p.Country, p.Lat, p.Lon, p.Kind)).ToList(),
        c.Quantity is { } q ? new QuantityDto(q.Min, q.Max, q.Approx, q.Unit) : null, c.Source, c.Via, c.Date?.ToString(), c.Confidence, eventId);

    internal static ClaimDto From(StoredClaim c) => From(c.StoryId, c.Source, c.Outlet, c.Claim, c.EventId) with { StoryPublished = c.StoryPublished };

    /// <summary>The publication date the claim's story states, if any (what <c>from</c>/<c>to</c> compare when the claim states none).</summary>
    public string? StoryPublished { get; init; }
}

/// <summary>An event: claims from many pages that report one happening, with its sources and conflicts.</summary>
/// <remarks>FirstReported and LastReported are days the stories state; UndatedClaims counts the claims of stories that
/// state none (never dated by the day Muster read them).</remarks>
public sealed record EventDto(string Id, string Type, int Claims, int SourceCount, IReadOnlyList<string> Sources, IReadOnlyList<string> Outlets,
    string? FirstReported, string? LastReported, IReadOnlyList<string> Conflicts, IReadOnlyList<string> Places, IReadOnlyList<ClaimDto>? ClaimList,
    int UndatedClaims)
{
    internal static EventDto From(EventSummary e, IReadOnlyList<StoredClaim> claims, bool withClaims) => new(e.Id, e.Type, e.Claims, e.Sources.Count, e.Sources, e.Outlets,
        e.FirstReported, e.LastReported, e.Conflicts, e.Places, withClaims ? claims.Select(ClaimDto.From).ToList() : null, e.Undated)
    {
        Title = EventTitle.For(e.Type, claims),
    };

    /// <summary>A short title from the first claim: its type and place ("summons in UA-23 (Zaporizhzhia Oblast)"), else its type and evidence.</summary>
    public string? Title { get; init; }
}

/// <summary>A story as the API returns it.</summary>
public sealed record StoryDto(string Id, string Role, bool Relevant, string? Title, string Text, int Start, int End, string? Published,
    string Page, string? Outlet, int Version, IReadOnlyList<ClaimDto> Claims)
{
    internal static StoryDto From(StoredStory s) => new(s.Story.Id, DomainNames.RoleName(s.Story.Role), s.Story.Relevant, s.Story.Title,
        s.Story.Text, s.Story.Start, s.Story.End, s.Story.Published?.ToString(), s.Source, s.Outlet, s.Version,
        s.Story.Claims.Select(c => ClaimDto.From(s.Story.Id, s.Source, s.Outlet, c)).ToList());
}

/// <summary>
/// A page of results, the one envelope of every list: its items, the total matching, the offset and limit asked for.
/// When <c>totalIsExact</c> is false the total is a lower bound: claims and stories count up to 2,000 matches
/// (SqlRecordStore.CountCap); events and search read one item past the page, so their total says at least whether
/// there is a next page.
/// </summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, long Total, int Offset, int Limit, bool TotalIsExact)
{
    /// <summary>
    /// The page of <paramref name="read"/>, which holds the items from <paramref name="offset"/> on, at most one past
    /// <paramref name="limit"/>: that one only tells that more follow.
    /// </summary>
    public static PageDto<T> FromOnePast(IReadOnlyList<T> read, int offset, int limit) =>
        read.Count > limit
            ? new(read.Take(limit).ToList(), offset + limit + 1L, offset, limit, TotalIsExact: false)
            : new(read, offset + (long)read.Count, offset, limit, TotalIsExact: true);

    /// <summary>The same page with each item mapped by <paramref name="map"/>.</summary>
    public PageDto<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Total, Offset, Limit, TotalIsExact);
}

/// <summary>Claims at a region.</summary>
public sealed record PlaceCountDto(string Code, string? Country, string Name, long Claims, double? Lat, double? Lon);

/// <summary>Claims of a type in a period (a day, or a week starting on Monday).</summary>
public sealed record TimelineDto(string Period, string Type, long Claims);

/// <summary>The timeline's counts and the claims it cannot place on a day.</summary>
/// <param name="Buckets">Claims per stated day or week and type, oldest first.</param>
/// <param name="Undated">Claims whose text and story state no date at all.</param>
/// <param name="Imprecise">Claims dated only to a month or a year, or to a day without its year, with no full story date.</param>
/// <param name="Interval"><c>day</c> or <c>week</c>.</param>
internal sealed record TimelineData(IReadOnlyList<TimelineDto> Buckets, long Undated, long Imprecise, string Interval);

/// <summary>A search hit; matches in the snippet are marked « and ».</summary>
public sealed record SearchHitDto(string Story, string? Title, string Snippet);

/// <summary>What an upload stored.</summary>
public sealed record UploadDto(string Page, string Sha256, string Status, int Version, IReadOnlyList<string> Stories, int Claims)
{
    /// <summary>For a container (feed, export, archive, JSON Lines): each document stored from it; else null.</summary>
    public IReadOnlyList<UploadDto>? Documents { get; init; }
    /// <summary>For a container: the records that could not be read, each as "source: reason"; else null.</summary>
    public IReadOnlyList<string>? Errors { get; init; }
}
