using Muster.Reading;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Muster.Evaluation;
using Muster.Export;

namespace Muster.Cli.Commands;

/// <summary><c>muster eval claims GOLD.json --pages DIR</c>: scores claim extraction against a gold annotation.</summary>
internal static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var eval = new Command("eval", "Measure Muster against annotated data.");
        var gold = new Argument<string>("gold") { Description = "A gold file in the muster-gold/1 format." };
        var pages = new Option<string>("--pages") { Description = "The folder holding the gold's pages.", Required = true };
        var json = CommonOptions.Json();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List every gold claim and every unmatched prediction." };
        var index = new Option<string?>("--index")
        {
            Description = $"A {PageIndex.FileName} giving each page's address (columns file and source); by default the one beside the gold file or the pages, if any.",
        };
        var noIndex = new Option<bool>("--no-index") { Description = "Read the pages without addresses, even when an index is beside them." };
        var claims = new Command("claims", "Claim precision, recall, and stance, places, quantity and source on matched claims.") { gold, pages, json, verbose, index, noIndex };
        claims.SetAction(result =>
        {
            var goldPath = result.GetValue(gold)!;
            var pagesPath = result.GetValue(pages)!;
            if (!File.Exists(goldPath))
            {
                context.ReportError(goldPath, "no such gold file");
                return ExitCodes.InputFailed;
            }
            if (!Directory.Exists(pagesPath))
            {
                context.ReportError(pagesPath, "no such folder of pages");
                return ExitCodes.InputFailed;
            }
            var indexPath = result.GetValue(index);
            if (indexPath is not null && result.GetValue(noIndex))
            {
                context.ReportError("--index", "cannot be given with --no-index");
                return ExitCodes.Usage;
            }
            if (indexPath is not null && !File.Exists(indexPath))
            {
                context.ReportError(indexPath, "no such index file");
                return ExitCodes.InputFailed;
            }
            if (!result.GetValue(noIndex))
                indexPath ??= PageIndex.Find(goldPath, pagesPath);
            IReadOnlyDictionary<string, string>? addresses = null;
            if (indexPath is not null)
            {
                try
                {
                    addresses = PageIndex.Read(File.ReadAllText(indexPath), indexPath);
                }
                catch (FormatException e)
                {
                    // The message names the file and line.
                    context.Error.WriteLine($"muster: {e.Message}");
                    return ExitCodes.InputFailed;
                }
            }
            ClaimScores scores;
            try
            {
                scores = ClaimEvaluator.Evaluate(File.ReadAllText(goldPath), pagesPath, CommonOptions.Pipeline(context), addresses);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                context.ReportError(goldPath, $"not a muster-gold/1 file: {e.Message}");
                return ExitCodes.InputFailed;
            }
            foreach (var error in scores.Errors)
                context.Report(error);
            if (result.GetValue(json))
            {
                context.Out.WriteLine(DocumentJson.Object(writer =>
                {
                    writer.WriteNumber("predicted", scores.Predicted);
                    writer.WriteNumber("gold", scores.Gold);
                    writer.WriteNumber("matched", scores.Matched);
                    writer.WriteNumber("precision", Math.Round(scores.Precision, 4));
                    writer.WriteNumber("recall", Math.Round(scores.Recall, 4));
                    writer.WriteNumber("f1", Math.Round(scores.F1, 4));
                    writer.WriteNumber("stance", Math.Round(scores.Stance, 4));
                    writer.WriteNumber("places", Math.Round(scores.Places, 4));
                    writer.WriteNumber("quantity", Math.Round(scores.Quantity, 4));
                    writer.WriteNumber("source", Math.Round(scores.Source, 4));
                }));
            }
            else
            {
                string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
                if (indexPath is not null)
                    context.Out.WriteLine($"addresses: {addresses!.Count} pages from {indexPath}");
                context.Out.WriteLine($"claims: {scores.Predicted} predicted, {scores.Gold} gold, {scores.Matched} matched");
                context.Out.WriteLine($"precision {F(scores.Precision)}  recall {F(scores.Recall)}  F1 {F(scores.F1)}");
                context.Out.WriteLine($"on matched claims: stance {F(scores.Stance)}  places {F(scores.Places)}  quantity {F(scores.Quantity)}  source {F(scores.Source)}");
            }
            if (result.GetValue(verbose))
            {
                foreach (var r in scores.Results)
                {
                    var m = r.Matched;
                    context.Out.WriteLine(m is null
                        ? $"MISS {r.Id}"
                        : $"{(r.StanceRight && r.PlacesRight && r.QuantityRight && r.SourceRight ? "ok  " : "part")} {r.Id} {m.Type} {m.Stance} " +
                          $"places[{string.Join(",", m.Places.Select(p => p.Code ?? p.Name))}]{(r.PlacesRight ? "" : "!")} " +
                          $"qty[{m.Quantity?.Min}-{m.Quantity?.Max} {m.Quantity?.Unit}]{(r.QuantityRight ? "" : "!")} src[{m.Source}]{(r.SourceRight ? "" : "!")}{(r.StanceRight ? "" : " stance!")} via[{string.Join(" > ", m.Via)}] date[{m.Date}]");
                }
                foreach (var (document, claim) in scores.Unmatched)
                    context.Out.WriteLine($"EXTRA {document} {claim.Type} {claim.Stance} src[{claim.Source}] “{claim.Evidence}”");
            }
            return ExitCodes.Ok;
        });
        eval.Subcommands.Add(claims);
        eval.Subcommands.Add(Extraction(context));
        return eval;
    }

    /// <summary><c>muster eval extraction DIR</c>: article-body precision, recall and F1 on an extraction benchmark.</summary>
    private static Command Extraction(CliContext context)
    {
        var folder = new Argument<string>("folder")
        {
            Description = "A folder in the article-extraction-benchmark layout: ground-truth.json and html/ID.html.gz.",
        };
        var json = CommonOptions.Json();
        var worst = new Option<int>("--worst") { Description = "List this many worst pages with their F1.", DefaultValueFactory = _ => 0 };
        var dump = new Option<string?>("--dump") { Description = "Write each page's extracted body to this folder as ID.txt, to compare with the truth." };
        var command = new Command("extraction", "Article extraction precision, recall and F1 by the benchmark's shingle metric.") { folder, json, worst, dump };
        command.SetAction(result =>
        {
            var path = result.GetValue(folder)!;
            if (!File.Exists(Path.Combine(path, "ground-truth.json")))
            {
                context.ReportError(path, "no ground-truth.json in this folder (not an article-extraction-benchmark layout)");
                return ExitCodes.InputFailed;
            }
            ExtractionScores scores;
            try
            {
                var dumpFolder = result.GetValue(dump);
                Func<string, string?, string>? extract = null;
                if (dumpFolder is not null)
                {
                    Directory.CreateDirectory(dumpFolder);
                    var extractor = new Muster.Html.HtmlArticleExtractor();
                    extract = (html, url) => extractor.ExtractBody(html, url);
                }
                scores = ExtractionEvaluator.Evaluate(path, extract, dumpFolder);
            }
            catch (JsonException e)
            {
                context.ReportError(Path.Combine(path, "ground-truth.json"), $"not valid JSON: {e.Message}");
                return ExitCodes.InputFailed;
            }
            foreach (var error in scores.Errors)
                context.Report(error);
            string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
            if (result.GetValue(json))
            {
                context.Out.WriteLine(DocumentJson.Object(writer =>
                {
                    writer.WriteNumber("pages", scores.Pages);
                    writer.WriteNumber("precision", Math.Round(scores.Precision, 4));
                    writer.WriteNumber("recall", Math.Round(scores.Recall, 4));
                    writer.WriteNumber("f1", Math.Round(scores.F1, 4));
                    writer.WriteNumber("pages_per_s", Math.Round(scores.PagesPerSecond, 1));
                }));
            }
            else
            {
                context.Out.WriteLine($"pages: {scores.Pages}");
                context.Out.WriteLine($"precision {F(scores.Precision)}  recall {F(scores.Recall)}  F1 {F(scores.F1)}");
                context.Out.WriteLine($"speed: {scores.PagesPerSecond.ToString("0", CultureInfo.InvariantCulture)} pages/s (one thread, pages in memory)");
            }
            foreach (var page in scores.PerPage.Take(result.GetValue(worst)))
                context.Out.WriteLine($"{F(page.F1)}  tp {F(page.TruePositive)}  fp {F(page.FalsePositive)}  fn {F(page.FalseNegative)}  {page.Id}");
            return scores.Errors.Count > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
        });
        return command;
    }
}
