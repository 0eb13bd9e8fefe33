using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Muster.Web;

namespace Muster.Tests.Web;

/// <summary>
/// The application through real Kestrel (WebApplicationFactory.UseKestrel), where the in-memory test server differs:
/// Kestrel enforces the request body limit, and its refusal must reach the client as a 413 with the reason; it
/// answers HEAD without a body.
/// </summary>
public sealed class KestrelHostTests : IDisposable
{
    private const string Token = "limit-token";
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-limit-").FullName;
    private readonly WebApplicationFactory<MusterWebOptions> _factory;

    public KestrelHostTests()
    {
        _factory = new WebApplicationFactory<MusterWebOptions>().WithWebHostBuilder(web => web
            .UseSetting("db", Path.Combine(_folder, "limit.db")).UseSetting("token", Token).UseSetting("urls", "http://127.0.0.1:0"));
        _factory.UseKestrel(0);
        _factory.StartServer();
    }

    public void Dispose()
    {
        _factory.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static byte[] Text(int bytes) => Enumerable.Repeat((byte)'a', bytes).ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnUploadOverTheLimitIsA413WithTheReason(bool chunked)
    {
        var client = _factory.CreateClient();
        HttpContent content = chunked ? new StreamContent(new MemoryStream(Text(6 * 1024 * 1024))) : new ByteArrayContent(Text(6 * 1024 * 1024));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents?source=big.txt") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        request.Headers.TransferEncodingChunked = chunked;
        // As curl does for a large body: the server can refuse it on its headers before it is sent.
        request.Headers.ExpectContinue = !chunked;
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode} {text}");
        using var problem = JsonDocument.Parse(text);
        Assert.Contains("5,242,880 bytes", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnUploadWithinTheLimitIsStored()
    {
        var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents?source=small.txt")
        {
            Content = new StringContent("Conscripts sent to the front\n\nConscripts were sent to the front line without training, relatives said on Monday."),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/claims")]
    [InlineData("/api/claims?limit=1")]
    [InlineData("/assets/muster.css")]
    public async Task HeadAnswersAsGetWithoutABody(string url)
    {
        var client = _factory.CreateClient();
        var get = await client.GetAsync(url, TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        var head = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        // The connection is still good: a body sent after the headers would have broken the next response.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
    }
}
