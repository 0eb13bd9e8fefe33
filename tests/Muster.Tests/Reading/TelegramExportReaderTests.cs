using System.Text;
using Muster.Reading.Formats;

namespace Muster.Tests.Reading;

public class TelegramExportReaderTests
{
    private static List<SourceRecord> Read(string json, string name = "result.json") =>
        new TelegramExportReader().Read(FormatSamples.Inline(name, json)).ToList();

    [Fact]
    public void TheSampleGivesEachMessageWithTextAndSkipsServiceAndPhotoOnlyMessages()
    {
        var path = FormatSamples.Path("telegram/result.json");
        var records = FormatSamples.Records("telegram/result.json");
        Assert.Equal([$"{path}#message-102", $"{path}#message-103", $"{path}#message-105"], records.Select(r => r.Source));
        Assert.All(records, r =>
        {
            Assert.Null(r.Error);
            Assert.Equal(PageFormat.Telegram, r.Format);
            Assert.Equal(ContentKind.Text, r.Kind);
            Assert.True(r.SingleStory);
            Assert.Equal("Повестка Сибирь", r.Outlet);
            // The export names no public username, so no t.me link is made up.
            Assert.Null(r.Url);
            // "from" is the channel itself: the outlet, not an author.
            Assert.Null(r.Author);
        });
        Assert.Equal(["2024-03-01", "2024-03-02", "2024-03-04"], records.Select(r => r.Published.ToString()));
        Assert.Equal([[], ["Омск без цензуры"], []], records.Select(r => r.Via.ToArray()));
        // The entity array is flattened in order; a link keeps its text.
        Assert.Equal(
            "Правозащитный центр «Дорога домой» сообщает, что мигрантов в Омске заставляют подписывать контракт с Минобороны после рейдов на рынках. По данным центра, в пятницу задержали около 70 человек.",
            Encoding.UTF8.GetString(records[1].Content!));
        Assert.EndsWith("Подробности: https://doroga-domoy.example/tomsk", Encoding.UTF8.GetString(records[2].Content!));
    }

    [Fact]
    public void ClaimsAreFoundInMessagesAndAForwardKeepsItsRelay()
    {
        var documents = FormatSamples.Documents("telegram/result.json");
        Assert.All(documents, d => Assert.Equal("telegram", d.Format));
        Assert.Contains(documents[0].Stories.SelectMany(s => s.Claims), c => c.Type == "summons" && c.Places.Any(p => p.Code == "RU-NVS"));
        var forwarded = documents[1];
        Assert.Equal(["Омск без цензуры"], forwarded.Via);
        var claim = Assert.Single(forwarded.Stories.SelectMany(s => s.Claims), c => c.Type == "coerced_volunteering");
        Assert.Contains("Омск без цензуры", claim.Via);
        Assert.Contains(claim.Places, p => p.Code == "RU-OMS");
        Assert.Contains(documents[2].Stories.SelectMany(s => s.Claims), c => c.Type == "forced_enlistment");
    }

    [Fact]
    public void UnknownFieldsAreIgnored()
    {
        var records = Read("""
            {
              "name": "Test Channel",
              "about": {"nested": [1, 2, {"deep": true}]},
              "type": "public_channel",
              "id": 5,
              "future_field": [null, "x"],
              "messages": [
                {"id": 1, "type": "message", "date": "2024-06-01T09:00:00", "text": "First message.", "reactions": [{"count": 3}],
                 "inline_bot_buttons": [[{"type": "url", "text": "Open"}]], "new_thing": {"a": {"b": []}}},
                {"id": 2, "type": "message", "date": "2024-06-02T09:00:00", "text": "Second message.", "media_spoiler": true}
              ],
              "trailing_field": 42
            }
            """);
        Assert.Equal(["First message.", "Second message."], records.Select(r => Encoding.UTF8.GetString(r.Content!)));
        Assert.All(records, r => Assert.Equal("Test Channel", r.Outlet));
    }

    [Fact]
    public void AMalformedMessageIsNamedAndTheRestGoOn()
    {
        var records = Read("""
            {"name": "Test Channel", "type": "public_channel", "id": 5, "messages": [
              {"id": 6, "type": "message", "date": "2024-06-01T09:00:00", "text": "Before."},
              {"id": 7, "type": "message", "date": "2024-06-01T10:00:00", "text": 12345},
              {"id": 8, "type": "message", "date": "2024-06-01T11:00:00", "text": ["Part ", 42]},
              "not a message",
              {"id": 10, "type": "message", "date": "2024-06-01T12:00:00", "text": "After."}
            ]}
            """, "export.json");
        Assert.Equal(5, records.Count);
        Assert.Equal("Before.", Encoding.UTF8.GetString(records[0].Content!));
        Assert.Equal("export.json#message-7", records[1].Source);
        Assert.Equal("message 7: its \"text\" is a number, not a string or an array of entities", records[1].Error);
        Assert.Equal("export.json#message-8", records[2].Source);
        Assert.Contains("part 2 of its \"text\" is a number", records[2].Error);
        Assert.Equal("export.json#message-at-4", records[3].Source);
        Assert.Contains("is a string, not an object", records[3].Error);
        Assert.Equal("After.", Encoding.UTF8.GetString(records[4].Content!));
    }

    [Fact]
    public void ACutOffExportGivesTheMessagesBeforeTheCutThenOneError()
    {
        var json = """
            {"name": "Test Channel", "messages": [
              {"id": 1, "type": "message", "date": "2024-06-01T09:00:00", "text": "One."},
              {"id": 2, "type": "message", "date": "2024-06-01T10:00:00", "text": "Two."},
              {"id": 3, "type": "message", "date": "2024-06-01T11:00:00", "text": "Thr
            """;
        var records = Read(json, "cut.json");
        Assert.Equal(3, records.Count);
        Assert.Equal(["One.", "Two."], records.Take(2).Select(r => Encoding.UTF8.GetString(r.Content!)));
        Assert.Equal("cut.json", records[2].Source);
        Assert.StartsWith("invalid JSON at line 4, byte ", records[2].Error);
        Assert.Contains("after message 2 of the list", records[2].Error);
    }

    [Fact]
    public void AKnownUsernameGivesMessageLinksAndSignaturesGiveAuthors()
    {
        var records = Read("""
            {"name": "Sample News", "username": "@sample_news", "messages": [
              {"id": 41, "type": "message", "date_unixtime": "1717232400", "from": "Sample News", "author": "Anna Levina", "text": "Signed post."},
              {"id": 42, "type": "message", "from": "Ivan in the group", "text": "A group member's message."}
            ]}
            """);
        Assert.Equal(["https://t.me/sample_news/41", "https://t.me/sample_news/42"], records.Select(r => r.Url));
        Assert.Equal(records.Select(r => r.Url), records.Select(r => r.Source));
        Assert.Equal(["Anna Levina", "Ivan in the group"], records.Select(r => r.Author));
        // Without "date", the Unix time gives the (UTC) day.
        Assert.Equal("2024-06-01", records[0].Published.ToString());
        Assert.Null(records[1].Published);
    }

    [Fact]
    public void JsonWithoutAMessagesListIsNamed()
    {
        var failed = Assert.Single(Read("""{"about": "an account export", "chats": {"list": []}}""", "account.json"));
        Assert.Equal("account.json", failed.Source);
        Assert.Contains("not a Telegram channel export", failed.Error);
    }

    private static string Export(int messages, int textLength) =>
        "{\"name\": \"Big Channel\", \"type\": \"public_channel\", \"messages\": [\n"
        + string.Join(",\n", Enumerable.Range(1, messages).Select(i =>
            $"{{\"id\": {i}, \"type\": \"message\", \"date\": \"2024-06-01T09:00:00\", \"text\": [\"Message {i}: \", {{\"type\": \"bold\", \"text\": \"{new string('x', textLength)}\"}}]}}"))
        + "\n]}";

    [Fact]
    public void AnExportFileIsReadAsAStreamHoldingOneMessageAtATime()
    {
        // 4,000 messages of 1 KB (4 MB) from a file: every message comes through, the window never holds the file.
        var path = Path.Combine(Path.GetTempPath(), $"muster-telegram-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Export(4000, 1000));
        try
        {
            var input = new Muster.Reading.PageReader().Read([path]).Single();
            Assert.Null(input.Bytes);
            var reader = new TelegramExportReader();
            var records = reader.Read(input).ToList();
            Assert.Equal(4000, records.Count);
            Assert.All(records, r => Assert.Null(r.Error));
            Assert.Equal("Big Channel", records[^1].Outlet);
            Assert.StartsWith("Message 4000: xxx", Encoding.UTF8.GetString(records[^1].Content!));
            Assert.InRange(reader.PeakBufferBytes, 1, 64 * 1024);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AMessageLargerThanTheWindowGrowsItAndIsReadWhole()
    {
        var records = new TelegramExportReader().Read(FormatSamples.Inline("big.json", Export(3, 300_000))).ToList();
        Assert.Equal(3, records.Count);
        Assert.All(records, r => Assert.Equal(300_000 + "Message 1: ".Length, Encoding.UTF8.GetString(r.Content!).Length));
    }

    [Fact]
    public void AMessageOverTheLimitEndsTheExportWithItsReasonAndTheMessagesBeforeStand()
    {
        var json = Export(2, 100)[..^"\n]}".Length] + ",\n{\"id\": 3, \"type\": \"message\", \"text\": \"" + new string('y', 50_000) + "\"}\n]}";
        var records = new TelegramExportReader(maxMessageBytes: 8192).Read(FormatSamples.Inline("huge.json", json)).ToList();
        Assert.Equal(3, records.Count);
        Assert.All(records.Take(2), r => Assert.Null(r.Error));
        Assert.Equal("huge.json", records[2].Source);
        Assert.Contains("over the limit of 8,192 bytes", records[2].Error);
    }

    [Fact]
    public void AByteOrderMarkBeforeTheExportIsPassedOver()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Export(2, 10))).ToArray();
        var records = new TelegramExportReader().Read(new Muster.Reading.PageInput("bom.json", bytes, null)).ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal("Big Channel", r.Outlet));
    }
}
