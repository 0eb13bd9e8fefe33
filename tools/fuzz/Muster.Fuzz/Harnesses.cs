using Muster.Html;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Reading.Formats;

namespace Muster.Fuzz;

/// <summary>
/// A failure the fuzzer must see although no exception escaped the code under test: an internal error the pipeline
/// caught and reported, or a broken promise of a reader (a record with neither content nor a reason).
/// </summary>
public sealed class FuzzFinding(string message) : Exception(message);

/// <summary>One harness: what it feeds the bytes to.</summary>
/// <param name="Name">The name <c>run.sh</c> and the command line choose it by.</param>
/// <param name="Covers">What it covers, for <c>--list</c> and the README.</param>
/// <param name="Run">Runs one input; an exception is a finding.</param>
public sealed record Harness(string Name, string Covers, Action<byte[]> Run);

/// <summary>
/// The harnesses, one per reader and one for the whole pipeline. Each turns whatever the code under test does wrong
/// into an exception, which SharpFuzz reports to afl-fuzz as a crash; expected failures (a record refused with its
/// reason) are answers, not findings.
/// </summary>
public static class Harnesses
{
    // The label every harness gives its input: a record inside a container is named from it.
    private const string Source = "fuzz-input";

    // Built once per fuzzing process (the claim finder's patterns take seconds to compile, an input milliseconds),
    // and lazily: Muster's code is instrumented, and instrumented code may only run once SharpFuzz has mapped
    // afl-fuzz's coverage map, inside a run.
    private static readonly Lazy<MusterPipeline> Pipeline = new(() => new MusterPipelineBuilder().UseClaims().Build());
    private static readonly Lazy<HtmlArticleExtractor> Html = new(() => new HtmlArticleExtractor());

    // Declared charsets the decode harness tries besides none: the labels pages and containers really send, a wrong
    // one and one no encoding has.
    private static readonly string?[] Labels = [null, "utf-8", "windows-1251", "koi8-r", "iso-8859-1", "utf-16", "gb2312", "shift_jis", "x-no-such-charset"];

    /// <summary>Every harness, by name.</summary>
    public static readonly IReadOnlyList<Harness> All =
    [
        new("decode", "PageDecoder: BOMs, UTF-16 without a BOM, a declared charset (chosen by the first byte), UTF-8 with stray bytes, legacy detection", Decode),
        new("html", "HtmlDecoder (meta prescan) then HtmlArticleExtractor: the article, metadata, teasers, and the fragment reading of feed items", ReadHtml),
        new("feed", "FeedReader: RSS 2.0, RSS 1.0 and Atom, item by item", bytes => Records(new FeedReader(), bytes)),
        new("telegram", "TelegramExportReader: a Telegram Desktop result.json, message by message, in a 2 KB window (so that messages cross its end)", bytes => Records(new TelegramExportReader(maxMessageBytes: 2048), bytes)),
        new("warc", "WarcReader: .warc and .warc.gz, HTTP responses, chunked and compressed bodies, under small limits", bytes => Records(new WarcReader(maxRecordBytes: 1 << 20, maxExpandedBytes: 4 << 20), bytes)),
        new("jsonl", "JsonLinesReader: one page per line, under a small line limit", bytes => Records(new JsonLinesReader(maxLineBytes: 64 * 1024), bytes)),
        new("pipeline", "the whole pipeline with the claim finder (format sniffed): any internal error, or a claim whose evidence is not the text at its offsets", RunPipeline),
    ];

    /// <summary>The harness named <paramref name="name"/>, or null.</summary>
    public static Harness? Find(string name) => All.FirstOrDefault(h => h.Name == name);

    private static void Decode(byte[] bytes)
    {
        // The first byte picks a declared charset and stays part of the page: a mutation of it explores both.
        var label = bytes.Length == 0 ? null : Labels[bytes[0] % Labels.Length];
        var decoded = PageDecoder.Decode(bytes, label);
        Check(decoded, label);
        if (label is not null)
            Check(PageDecoder.Decode(bytes), null);
    }

    private static void Check(DecodeResult decoded, string? label)
    {
        if (decoded.Success == (decoded.Error is not null))
            throw new FuzzFinding($"decoding (declared {label ?? "nothing"}) gave both a page and an error, or neither: {decoded.Error}");
        if (decoded.Page is { } page && string.IsNullOrWhiteSpace(page.Text))
            throw new FuzzFinding($"decoding (declared {label ?? "nothing"}) gave a blank page as {page.Encoding}");
    }

    private static void ReadHtml(byte[] bytes)
    {
        var decoded = HtmlDecoder.Decode(bytes);
        Check(decoded, "by <meta>");
        if (decoded.Page is not { } page || page.Text.Length > HtmlArticleExtractor.MaxCharacters)
            return;
        var article = Html.Value.Extract(page.Text, "https://example.org/fuzz/page.html");
        _ = article.BodyText;
        Html.Value.ExtractFragment(page.Text);
    }

    private static void Records(IFormatReader reader, byte[] bytes)
    {
        var number = 0;
        foreach (var record in reader.Read(new PageInput(Source, bytes, null)))
        {
            number++;
            if (string.IsNullOrEmpty(record.Source))
                throw new FuzzFinding($"record {number} has no source");
            if ((record.Content is null) == (record.Error is null))
                throw new FuzzFinding($"record {number} ({record.Source}) has {(record.Content is null ? "neither content nor an error" : "both content and an error")}");
            if (record.Error is { Length: 0 })
                throw new FuzzFinding($"record {number} ({record.Source}) failed with an empty reason");
        }
    }

    private static void RunPipeline(byte[] bytes)
    {
        foreach (var outcome in Pipeline.Value.ProcessAll(new PageInput(Source, bytes, null)))
        {
            // The pipeline turns an exception escaping a stage into an error line so that a batch goes on; for the
            // fuzzer that line is the crash. Bytes in memory cannot fail to be read, so a reader that stops with
            // "cannot read further" threw too.
            if (outcome.Error is { } error && (error.StartsWith("internal error (", StringComparison.Ordinal) || error.StartsWith("cannot read further", StringComparison.Ordinal)))
                throw new FuzzFinding($"{outcome.Source}: {error}");
            if (outcome.Document is not { } document)
                continue;
            foreach (var story in document.Stories)
            foreach (var claim in story.Claims)
            {
                var span = claim.Span;
                if (span.Start < 0 || span.End < span.Start || span.End > document.Text.Length
                    || document.Text[span.Start..span.End] != claim.Evidence)
                    throw new FuzzFinding($"{outcome.Source}: story {story.Id}: a {claim.Type} claim's evidence is not the text at {span.Start}..{span.End}");
            }
        }
    }
}
