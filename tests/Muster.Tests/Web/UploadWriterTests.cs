using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Muster.Tests.Storage;

namespace Muster.Tests.Web;

/// <summary>An upload beside another writer (an ingest): it waits for the lock, or is a 503 to retry, never a 500.</summary>
public sealed class UploadWriterTests(WebFixture fixture) : IClassFixture<WebFixture>
{
    private static HttpRequestMessage Upload(string source, string text)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/documents?source={source}") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(text)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WebFixture.Token);
        return request;
    }

    private const string Page = "Conscripts sent to the front\n\nConscripts from Kursk were sent to the front line without training, relatives said on {0}.";

    [Fact]
    public async Task AnUploadWaitsForAWriterHoldingTheLockForAFewSecondsAndIsStored()
    {
        var client = fixture.Factory.CreateClient();
        using var holder = new ConcurrentWriterTests.LockHolder(fixture.DatabasePath);
        var released = holder.ReleaseAfter(TimeSpan.FromSeconds(3));
        using var request = Upload("waited.txt", string.Format(System.Globalization.CultureInfo.InvariantCulture, Page, "Monday"));
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await released;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task AnUploadMeetingALockHeldPastTheWaitIsA503WithRetryAfterAndNothingStored()
    {
        using var factory = fixture.Factory.WithWebHostBuilder(web => web.UseSetting("lock-wait", "1"));
        var client = factory.CreateClient();
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Page, "Tuesday");
        using (new ConcurrentWriterTests.LockHolder(fixture.DatabasePath))
        {
            using var request = Upload("busy.txt", text);
            var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
            using var problem = JsonDocument.Parse(body);
            Assert.Equal("Record busy", problem.RootElement.GetProperty("title").GetString());
            Assert.DoesNotContain(fixture.DatabasePath, body, StringComparison.Ordinal);
        }
        // Nothing was stored: the same upload, sent again, adds the page.
        using var again = Upload("busy.txt", text);
        var retried = await client.SendAsync(again, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
    }
}
