using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Tests.Storage.Backends;
using Muster.Web;

namespace Muster.Tests.Web;

/// <summary>
/// A real record with the samples and a hostile page stored, and the web application over it, once per test class;
/// a subclass per backend. The hostile page carries markup that must stay inert wherever it is shown. The record is
/// filled when a test first asks for it, so that a backend whose server is absent skips the test itself.
/// </summary>
public abstract class RecordWebFixture : IDisposable
{
    public const string Token = "test-token-7f3a";

    /// <summary>A page written to attack the viewer: script tags, event handlers and a javascript: link.</summary>
    public const string HostilePage = """
        Summonses served <script>window.pwned = 1</script> in Tyumen <img src=x onerror="window.pwned = 2">

        Enlistment offices started to hand summons to reservists in Tyumen Oblast <script>window.pwned = 3</script>, the outlet <a href="javascript:window.pwned=4">Example</a> said on Tuesday.

        Relatives said the men were called to training at a camp near the city, and that some were told to sign contracts <b onmouseover="window.pwned=5">at once</b>.
        """;

    private readonly Lock _gate = new();
    private readonly StoreBackend _backend;
    private WebApplicationFactory<MusterWebOptions>? _factory;
    private string? _hostileStoryId;

    protected RecordWebFixture(StoreBackend backend) => _backend = backend;

    /// <summary>The record as <c>--db</c> names it.</summary>
    public string DatabasePath => _backend.Location;

    public WebApplicationFactory<MusterWebOptions> Factory
    {
        get
        {
            Fill();
            return _factory!;
        }
    }

    public string HostileStoryId
    {
        get
        {
            Fill();
            return _hostileStoryId!;
        }
    }

    /// <summary>A second, empty record on the same backend, for a test that needs one of its own.</summary>
    public abstract StoreBackend NewBackend();

    private void Fill()
    {
        lock (_gate)
        {
            if (_factory is not null)
                return;
            var pipeline = new MusterPipelineBuilder().UseClaims().Build();
            using (var store = _backend.Open())
            {
                foreach (var file in Directory.GetFiles(SharedFolder.Samples).Order(StringComparer.Ordinal))
                    store.Save(pipeline.Process(new PageInput(file, File.ReadAllBytes(file), null)).Document!, DateTimeOffset.UnixEpoch);
                var hostile = pipeline.Process(new PageInput("hostile.txt", Encoding.UTF8.GetBytes(HostilePage), null)).Document!;
                store.Save(hostile, DateTimeOffset.UnixEpoch);
                _hostileStoryId = hostile.Stories[0].Id;
            }
            _factory = new WebApplicationFactory<MusterWebOptions>().WithWebHostBuilder(web => web.UseSetting("db", DatabasePath).UseSetting("token", Token));
        }
    }

    public void Dispose()
    {
        _factory?.Dispose();
        _backend.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The web application over a SQLite file.</summary>
public sealed class WebFixture() : RecordWebFixture(new SqliteBackend())
{
    public override StoreBackend NewBackend() => new SqliteBackend();
}

/// <summary>The web application over a database on the run's PostgreSQL server.</summary>
public sealed class PostgresWebFixture(PostgresServer server) : RecordWebFixture(new PostgresBackend(server))
{
    public override StoreBackend NewBackend() => new PostgresBackend(server);
}
