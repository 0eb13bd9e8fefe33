using Muster.Pipeline;
using Muster.Reading;
using Muster.Reading.Formats;

namespace Muster.Tests.Reading;

/// <summary>The container samples in <c>samples/</c>, read as the CLI reads them: sniffed, then through the pipeline.</summary>
internal static class FormatSamples
{
    public static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    public static string Path(string relative) => System.IO.Path.Combine(SharedFolder.Samples, relative);

    public static PageInput Input(string relative)
    {
        var path = Path(relative);
        return new PageInput(path, File.ReadAllBytes(path), null);
    }

    /// <summary>The records of a sample, in the format its bytes show.</summary>
    public static List<SourceRecord> Records(string relative) => new FormatReaders().Read(Input(relative)).ToList();

    /// <summary>The documents of a sample after the whole pipeline; every record must succeed.</summary>
    public static List<PageDocument> Documents(string relative)
    {
        var outcomes = Pipeline.ProcessAll(Input(relative)).ToList();
        Assert.All(outcomes, o => Assert.True(o.Success, $"{o.Source}: {o.Error}"));
        return outcomes.Select(o => o.Document!).ToList();
    }

    /// <summary>An input made of <paramref name="text"/>'s UTF-8 bytes, named <paramref name="name"/>.</summary>
    public static PageInput Inline(string name, string text) => new(name, System.Text.Encoding.UTF8.GetBytes(text), null);
}
