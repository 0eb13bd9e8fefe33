using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Muster.Storage;

namespace Muster.Tests.Cli;

/// <summary><c>muster serve</c> as its own process: what a person sees when it cannot start.</summary>
[Collection(SerialCollection.Name)]
public sealed class ServeCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-serve-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ServeOnABusyPortSaysSoInOneLineAndExitsWithOne()
    {
        var db = Path.Combine(_folder, "serve.db");
        using (new SqliteRecordStore(db))
        {
        }
        SqliteConnection.ClearAllPools();
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)busy.LocalEndpoint).Port}";
        using var child = CliRunner.Start("serve", "--db", db, "--urls", url);
        var output = child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill();
            Assert.Fail("serve kept running on a busy port");
        }
        Assert.Equal(1, child.ExitCode);
        Assert.Equal("", await output);
        Assert.Equal($"muster: {url}: address already in use: another server listens there (stop it, or choose another address with --urls)\n", await error);
    }
}
