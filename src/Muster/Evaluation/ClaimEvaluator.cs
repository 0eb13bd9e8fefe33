using System.Text.Json;
using Muster.Claims;
using Muster.Pipeline;
using Muster.Reading;

namespace Muster.Evaluation;

/// <summary>One gold claim and what matched it.</summary>
/// <param name="Document">The gold document's file name.</param>
/// <param name="Id">The gold claim's id.</param>
/// <param name="Matched">The predicted claim that matched it, or null.</param>
/// <param name="StanceRight">On a match: the stance is equal.</param>
/// <param name="PlacesRight">On a match: the region codes are the same set.</param>
/// <param name="QuantityRight">On a match: min, max and unit agree (or both are null).</param>
/// <param name="SourceRight">On a match: a predicted and a gold name contain one another, ignoring case.</param>
public sealed record GoldClaimResult(string Document, string Id, Claim? Matched, bool StanceRight, bool PlacesRight, bool QuantityRight, bool SourceRight);

/// <summary>The metrics of <c>muster eval claims</c>, as <c>../shared/gold/README.md</c> defines them.</summary>
public sealed record ClaimScores(int Predicted, int Gold, int Matched, double Precision, double Recall, double F1,
    double Stance, double Places, double Quantity, double Source, IReadOnlyList<GoldClaimResult> Results,
    IReadOnlyList<(string Document, Claim Claim)> Unmatched, IReadOnlyList<string> Errors);

/// <summary>
/// Scores claim extraction against a gold file in the <c>muster-gold/1</c> format: a predicted claim matches a
/// gold claim when its type is one of the gold types and its evidence overlaps the gold evidence by at least half
/// of the shorter of the two (each gold claim matches at most once); precision counts every predicted claim on
/// the pages, recall every gold claim; stance, places, quantity and source are scored on matched claims.
/// </summary>
public static class ClaimEvaluator
{
    /// <summary>
    /// Runs <paramref name="pipeline"/> on the gold's pages in <paramref name="pagesFolder"/> and scores it; pages
    /// listed in <paramref name="addresses"/> (file name → address, from a <see cref="PageIndex"/>) are read with
    /// their address.
    /// </summary>
    public static ClaimScores Evaluate(string goldJson, string pagesFolder, MusterPipeline pipeline, IReadOnlyDictionary<string, string>? addresses = null)
    {
        using var gold = JsonDocument.Parse(goldJson);
        var results = new List<GoldClaimResult>();
        var unmatched = new List<(string, Claim)>();
        var errors = new List<string>();
        var predictedCount = 0;
        foreach (var document in gold.RootElement.GetProperty("documents").EnumerateArray())
        {
            var file = document.GetProperty("file").GetString()!;
            var path = Path.Combine(pagesFolder, file);
            if (!File.Exists(path))
            {
                errors.Add($"{path}: no such page");
                continue;
            }
            var outcome = pipeline.Process(new PageInput(path, File.ReadAllBytes(path), null) { Url = addresses?.GetValueOrDefault(file) });
            if (!outcome.Success)
            {
                errors.Add($"{path}: {outcome.Error}");
                continue;
            }
            var page = outcome.Document!;
            var predicted = page.Stories.SelectMany(s => s.Claims).ToList();
            predictedCount += predicted.Count;
            var used = new HashSet<Claim>(ReferenceEqualityComparer.Instance);
            foreach (var goldClaim in document.GetProperty("stories").EnumerateArray().SelectMany(s => s.GetProperty("claims").EnumerateArray()))
            {
                var id = goldClaim.GetProperty("id").GetString()!;
                var types = goldClaim.GetProperty("types").EnumerateArray().Select(t => t.GetString()!).ToHashSet();
                var evidence = goldClaim.GetProperty("evidence").GetString()!;
                var goldStart = page.Text.IndexOf(evidence, StringComparison.Ordinal);
                if (goldStart < 0)
                {
                    errors.Add($"{file}: gold evidence of {id} is not in the page");
                    results.Add(new GoldClaimResult(file, id, null, false, false, false, false));
                    continue;
                }
                var goldSpan = new TextSpan(goldStart, goldStart + evidence.Length);
                var match = predicted.Where(c => !used.Contains(c) && types.Contains(c.Type) && Overlaps(c.Span, goldSpan))
                    .OrderByDescending(c => Overlap(c.Span, goldSpan)).FirstOrDefault();
                if (match is null)
                {
                    results.Add(new GoldClaimResult(file, id, null, false, false, false, false));
                    continue;
                }
                used.Add(match);
                results.Add(new GoldClaimResult(file, id, match,
                    goldClaim.GetProperty("stance").GetString() == match.Stance.ToString().ToLowerInvariant(),
                    PlacesEqual(goldClaim, match),
                    QuantityEqual(goldClaim, match),
                    SourceMatches(goldClaim, match)));
            }
            unmatched.AddRange(predicted.Where(c => !used.Contains(c)).Select(c => (file, c)));
        }
        var matched = results.Where(r => r.Matched is not null).ToList();
        double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
        var precision = Ratio(matched.Count, predictedCount);
        var recall = Ratio(matched.Count, results.Count);
        return new ClaimScores(predictedCount, results.Count, matched.Count, precision, recall,
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            Ratio(matched.Count(r => r.StanceRight), matched.Count), Ratio(matched.Count(r => r.PlacesRight), matched.Count),
            Ratio(matched.Count(r => r.QuantityRight), matched.Count), Ratio(matched.Count(r => r.SourceRight), matched.Count),
            results, unmatched, errors);
    }

    private static int Overlap(TextSpan a, TextSpan b) => Math.Max(0, Math.Min(a.End, b.End) - Math.Max(a.Start, b.Start));

    /// <summary>Overlap of at least half of the shorter span.</summary>
    internal static bool Overlaps(TextSpan a, TextSpan b) => Overlap(a, b) * 2 >= Math.Min(a.Length, b.Length) && Overlap(a, b) > 0;

    private static bool PlacesEqual(JsonElement gold, Claim claim)
    {
        var expected = gold.GetProperty("places").EnumerateArray().Select(p => p.GetString()!).ToHashSet();
        var actual = claim.Places.Select(p => p.Code).OfType<string>().ToHashSet();
        return expected.SetEquals(actual);
    }

    private static bool QuantityEqual(JsonElement gold, Claim claim)
    {
        var q = gold.GetProperty("quantity");
        if (q.ValueKind == JsonValueKind.Null)
            return claim.Quantity is null;
        if (claim.Quantity is not { } p)
            return false;
        double? Number(string name) => q.GetProperty(name).ValueKind == JsonValueKind.Null ? null : q.GetProperty(name).GetDouble();
        return Number("min") == p.Min && Number("max") == p.Max && q.GetProperty("unit").GetString() == p.Unit;
    }

    private static bool SourceMatches(JsonElement gold, Claim claim)
    {
        if (claim.Source is not { } source)
            return false;
        return gold.GetProperty("source").EnumerateArray().Select(s => s.GetString()!)
            .Any(g => g.Contains(source, StringComparison.OrdinalIgnoreCase) || source.Contains(g, StringComparison.OrdinalIgnoreCase));
    }
}
