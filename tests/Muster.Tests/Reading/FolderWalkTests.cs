using System.Net.Sockets;
using Mono.Unix.Native;
using Muster.Reading;
using Muster.Tests.Cli;

namespace Muster.Tests.Reading;

/// <summary>
/// Folders that never end: symbolic link loops, FIFOs, sockets and devices, built for real in a temp folder.
/// Each walk runs under a generous timeout only as a safety net (without the guard a loop walks until memory
/// runs out, and a FIFO blocks forever in open); the assertions are on what was read and named.
/// </summary>
public sealed class FolderWalkTests : IDisposable
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(2);

    private readonly string _folder = Directory.CreateTempSubdirectory("muster-walk-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private string Link(string relative, string target)
    {
        var path = Path.Combine(_folder, relative);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    private string Fifo(string relative)
    {
        var path = Path.Combine(_folder, relative);
        Assert.Equal(0, Syscall.mkfifo(path, FilePermissions.DEFFILEMODE));
        return path;
    }

    private static async Task<(List<PageInput> Read, List<(string Path, string Note)> Notes)> ReadAll(params string[] arguments)
    {
        var notes = new List<(string, string)>();
        var reader = new PageReader(note: (path, note) => notes.Add((path, note)));
        // Take bounds a walk that yields without end; the timeout ends one that blocks.
        var read = await Task.Run(() => reader.Read(arguments).Take(1000).ToList(), TestContext.Current.CancellationToken)
            .WaitAsync(SafetyNet, TestContext.Current.CancellationToken);
        return (read, notes);
    }

    private string Relative(string path) => Path.GetRelativePath(_folder, path);

    [Fact]
    public async Task SymbolicLinkLoopsEndWithEachFolderReadOnceAndTheLoopsNamed()
    {
        Write("a/one.txt", "One.");
        Write("b/two.txt", "Two.");
        Link("a/up", _folder);                          // back to the root
        Link("b/self", Path.Combine(_folder, "b"));     // back to its own folder
        Link("c", Path.Combine(_folder, "a"));          // a second way into a, not a loop

        var (read, notes) = await ReadAll(_folder);

        Assert.Equal(["a/one.txt", "b/two.txt"], read.Select(p => Relative(p.Source)));
        Assert.All(read, p => Assert.True(p.Success, p.Error));
        Assert.Equal(3, notes.Count);
        var up = Assert.Single(notes, n => Relative(n.Path) == "a/up");
        Assert.Contains("symbolic link loop back to " + _folder, up.Note);
        var self = Assert.Single(notes, n => Relative(n.Path) == "b/self");
        Assert.Contains("symbolic link loop back to " + Path.Combine(_folder, "b"), self.Note);
        var again = Assert.Single(notes, n => Relative(n.Path) == "c");
        Assert.Contains("the same folder as " + Path.Combine(_folder, "a"), again.Note);
        Assert.All(notes, n => Assert.DoesNotContain('\n', n.Note));
    }

    [Fact]
    public async Task AGlobWithDoubleStarEndsUnderALoop()
    {
        Write("a/one.txt", "One.");
        Link("a/up", _folder);
        Link("a/down", Path.Combine(_folder, "a"));

        var (read, notes) = await ReadAll(Path.Combine(_folder, "**", "*.txt"));

        Assert.Equal(["a/one.txt"], read.Select(p => Relative(p.Source)));
        Assert.Equal(["a/down", "a/up"], notes.Select(n => Relative(n.Path)).Order(StringComparer.Ordinal));
        Assert.All(notes, n => Assert.Contains("symbolic link loop", n.Note));
    }

    [Fact]
    public async Task AGlobThatMatchesNothingUnderALoopIsStillAnError()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "a"));
        Link("a/up", _folder);

        var (read, notes) = await ReadAll(Path.Combine(_folder, "**", "*.none"));

        Assert.Contains("no file matches", Assert.Single(read).Error);
        Assert.Equal("a/up", Relative(Assert.Single(notes).Path));
    }

    [Fact]
    public async Task AGlobWithoutLinksNotesNothing()
    {
        Write("a/b/one.txt", "One.");
        Write("a/c/two.txt", "Two.");

        var (read, notes) = await ReadAll(Path.Combine(_folder, "a", "*", "*.txt"), Path.Combine(_folder, "a", "b", "*.txt"));

        Assert.Equal(["a/b/one.txt", "a/c/two.txt", "a/b/one.txt"], read.Select(p => Relative(p.Source)));
        Assert.Empty(notes);
    }

    [Fact]
    public async Task AFifoInsideAFolderIsRefusedWithoutOpeningItAndTheBatchGoesOn()
    {
        Write("a.txt", "Before the pipe.");
        Fifo("pipe");
        Write("z.txt", "After the pipe.");

        var (read, _) = await ReadAll(_folder);

        Assert.Equal(["a.txt", "pipe", "z.txt"], read.Select(p => Relative(p.Source)));
        Assert.True(read[0].Success);
        Assert.Contains("named pipe (FIFO)", read[1].Error);
        Assert.Contains("not opened", read[1].Error);
        Assert.True(read[2].Success);
    }

    [Fact]
    public async Task AFifoASocketAndADeviceNamedDirectlyAreRefusedAndTheBatchGoesOn()
    {
        var pipe = Fifo("named-pipe");
        var socketPath = Path.Combine(_folder, "named.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var page = Write("page.txt", "A page.");

        var (read, _) = await ReadAll(pipe, socketPath, "/dev/null", page);

        Assert.Equal(4, read.Count);
        Assert.Contains("named pipe (FIFO)", read[0].Error);
        Assert.Contains("a socket", read[1].Error);
        Assert.Contains("character device", read[2].Error);
        Assert.True(read[3].Success);
        Assert.Equal([pipe, socketPath, "/dev/null"], read.Take(3).Select(p => p.Source));
    }

    [Fact]
    public async Task ALinkToNothingAndALinkThatLoopsAreNamed()
    {
        Write("page.txt", "A page.");
        Link("dangling.txt", Path.Combine(_folder, "gone.txt"));
        Link("self.txt", Path.Combine(_folder, "self.txt"));

        var (read, _) = await ReadAll(_folder);

        Assert.Equal(["dangling.txt", "page.txt", "self.txt"], read.Select(p => Relative(p.Source)));
        Assert.Contains("target is missing", read[0].Error);
        Assert.True(read[1].Success);
        Assert.Contains("loops", read[2].Error);
    }

    [Fact]
    public async Task ExtractOverAFolderWithALoopAndAFifoPrintsItsPagesTheNoteAndTheRefusal()
    {
        Write("news/one.txt", "Military enlistment officers handed out summonses at the metro station, witnesses said.");
        Link("news/again", Path.Combine(_folder, "news"));
        Fifo("news/pipe");

        var result = await Task.Run(() => CliRunner.Run("extract", _folder, "--json"), TestContext.Current.CancellationToken)
            .WaitAsync(SafetyNet, TestContext.Current.CancellationToken);

        Assert.Single(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var errors = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.Contains(errors, line => line.StartsWith($"muster: {Path.Combine(_folder, "news", "again")}: note: a symbolic link loop", StringComparison.Ordinal));
        Assert.Contains(errors, line => line.StartsWith($"muster: {Path.Combine(_folder, "news", "pipe")}: a named pipe (FIFO)", StringComparison.Ordinal));
        // The FIFO is a failed input; the loop is only a note.
        Assert.Equal(1, result.ExitCode);
    }
}
