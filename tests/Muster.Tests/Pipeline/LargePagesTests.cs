using System.Text;
using Muster.Pipeline;
using Muster.Reading;

namespace Muster.Tests.Pipeline;

public sealed class LargePagesTests
{
    private static byte[] Page(int bytes)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < bytes; i++)
            text.Append("The market in the old town opened at nine and the river boats left at ten. ").Append(i % 50 == 0 ? "\n\n" : "");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Fact]
    public void APageOfMegabytesIsFollowedByAFullCollectionAndAnOrdinaryPageIsNot()
    {
        var pipeline = new MusterPipelineBuilder().UseClaims().Build();
        var before = LargePages.CollectionsOnThisThread;
        var ordinary = pipeline.Process(new PageInput("ordinary.txt", Page(200_000), null));
        Assert.True(ordinary.Success, ordinary.Error);
        Assert.Equal(before, LargePages.CollectionsOnThisThread);

        var large = pipeline.Process(new PageInput("large.txt", Page((int)LargePages.Threshold + 1), null));
        Assert.True(large.Success, large.Error);
        Assert.Equal(before + 1, LargePages.CollectionsOnThisThread);
    }

    [Fact]
    public void AStorysBodyIsItsParagraphsJoinedByBlankLines()
    {
        const string text = "Title\nfirst paragraph\n\nsecond one\n\n\nthird";
        var spans = new List<TextSpan> { new(6, 21), new(23, 33), new(36, 41) };
        Assert.Equal("first paragraph\n\nsecond one\n\nthird", MusterPipeline.JoinParagraphs(text, spans));
        Assert.Equal("second one", MusterPipeline.JoinParagraphs(text, [new(23, 33)]));
        Assert.Equal("", MusterPipeline.JoinParagraphs(text, []));
    }
}
