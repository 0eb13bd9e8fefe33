using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Storage;
using Muster.Web;

namespace Muster.Tests.Web;

/// <summary>
/// A real SQLite file with the samples and a hostile page stored, and the web application over it, once per
/// test class. The hostile page carries markup that must stay inert wherever it is shown.
/// </summary>
public sealed class WebFixture : IDisposable
{
    public const string Token = "test-token-7f3a";

    /// <summary>A page written to attack the viewer: script tags, event handlers and a javascript: link.</summary>
    public const string HostilePage = """
        Summonses served <script>window.pwned = 1</script> in Tyumen <img src=x onerror="window.pwned = 2">

        Enlistment offices started to hand summons to reservists in Tyumen Oblast <script>window.pwned = 3</script>, the outlet <a href="javascript:window.pwned=4">Example</a> said on Tuesday.

        Relatives said the men were called to training at a camp near the city, and that some were told to sign contracts <b onmouseover="window.pwned=5">at once</b>.
        """;

    public string Folder { get; } = Directory.CreateTempSubdirectory("muster-web-").FullName;
    public string DatabasePath => Path.Combine(Folder, "web.db");
    public WebApplicationFactory<MusterWebOptions> Factory { get; }
    public string HostileStoryId { get; }

    public WebFixture()
    {
        var pipeline = new MusterPipelineBuilder().UseClaims().Build();
        using (var store = new SqliteRecordStore(DatabasePath))
        {
            foreach (var file in Directory.GetFiles(SharedFolder.Samples).Order(StringComparer.Ordinal))
                store.Save(pipeline.Process(new PageInput(file, File.ReadAllBytes(file), null)).Document!, DateTimeOffset.UnixEpoch);
            var hostile = pipeline.Process(new PageInput("hostile.txt", Encoding.UTF8.GetBytes(HostilePage), null)).Document!;
            store.Save(hostile, DateTimeOffset.UnixEpoch);
            HostileStoryId = hostile.Stories[0].Id;
        }
        SqliteConnection.ClearAllPools();
        Factory = new WebApplicationFactory<MusterWebOptions>().WithWebHostBuilder(web => web.UseSetting("db", DatabasePath).UseSetting("token", Token));
    }

    public void Dispose()
    {
        Factory.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
