namespace Muster.Pipeline;

/// <summary>
/// A stage that runs on each story after segmentation (claim finding, for one). It receives the page and a
/// story and returns the story, enriched.
/// </summary>
public interface IStoryAnnotator
{
    /// <summary>Annotates one story of <paramref name="page"/>.</summary>
    Story Annotate(PageDocument page, Story story);
}
