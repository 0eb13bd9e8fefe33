using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace Muster.Reading;

/// <summary>
/// A folder as the glob matcher sees it, entering every folder once by device and inode (as
/// <see cref="FolderWalk"/> does): the matcher's own wrapper follows every symbolic link, so <c>**</c> under a
/// link back to an ancestor would walk until the path grew too long, and two such links double the work at
/// every level. Folders not entered, and folders that cannot be read, are kept in <see cref="Steps"/>.
/// </summary>
internal sealed class GuardedDirectory : DirectoryInfoBase
{
    private sealed class Walk
    {
        public readonly Dictionary<string, string> Seen = new(StringComparer.Ordinal);
        public readonly List<WalkStep> Steps = [];
    }

    private static readonly EnumerationOptions AllEntries = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    private readonly DirectoryInfo _info;
    private readonly string _identity;
    private readonly GuardedDirectory? _parent;
    private readonly Walk _walk;
    private readonly string? _name;

    private GuardedDirectory(DirectoryInfo info, string identity, GuardedDirectory? parent, Walk walk, string? name = null)
    {
        _info = info;
        _identity = identity;
        _parent = parent;
        _walk = walk;
        _name = name;
    }

    /// <summary>The root of a match: <paramref name="path"/>, a folder whose entry is <paramref name="entry"/>.</summary>
    public static GuardedDirectory Root(string path, FileEntry entry)
    {
        var walk = new Walk();
        walk.Seen[entry.Identity] = path;
        return new GuardedDirectory(new DirectoryInfo(path), entry.Identity, null, walk);
    }

    /// <summary>Folders not entered (loops, folders reached twice) and folders that could not be read, in the order met.</summary>
    public IReadOnlyList<WalkStep> Steps => _walk.Steps;

    /// <inheritdoc />
    public override string Name => _name ?? _info.Name;

    /// <inheritdoc />
    public override string FullName => _info.FullName;

    /// <inheritdoc />
    public override DirectoryInfoBase? ParentDirectory =>
        _info.Parent is { } parent ? new GuardedDirectory(parent, FileEntry.Of(parent.FullName).Identity, null, _walk) : null;

    /// <inheritdoc />
    public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
    {
        List<FileSystemInfo> entries;
        try
        {
            entries = _info.EnumerateFileSystemInfos("*", AllEntries).ToList();
        }
        catch (DirectoryNotFoundException)
        {
            yield break;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _walk.Steps.Add(new WalkStep(_info.FullName, WalkStepKind.Refused, $"cannot read this folder: {e.Message}"));
            yield break;
        }
        foreach (var entry in entries)
        {
            if (entry is FileInfo file)
                yield return new FileInfoWrapper(file);
            else if (entry is DirectoryInfo folder && Enter(folder) is { } guarded)
                yield return guarded;
        }
    }

    /// <inheritdoc />
    public override DirectoryInfoBase? GetDirectory(string path)
    {
        if (path == "..")
            return _info.Parent is { } parent ? new GuardedDirectory(parent, FileEntry.Of(parent.FullName).Identity, null, _walk, "..") : null;
        // A folder named in the pattern itself is entered as named: a finite pattern cannot loop through it.
        var folder = new DirectoryInfo(Path.Combine(_info.FullName, path));
        var entry = FileEntry.Of(folder.FullName);
        return entry.Kind == EntryKind.Folder ? new GuardedDirectory(folder, entry.Identity, this, _walk) : null;
    }

    /// <inheritdoc />
    public override FileInfoBase GetFile(string path) => new FileInfoWrapper(new FileInfo(Path.Combine(_info.FullName, path)));

    private GuardedDirectory? Enter(DirectoryInfo folder)
    {
        var entry = FileEntry.Of(folder.FullName);
        if (entry.Kind != EntryKind.Folder)
            return null;
        for (var ancestor = this; ancestor is not null; ancestor = ancestor._parent)
        {
            if (ancestor._identity == entry.Identity)
            {
                _walk.Steps.Add(new WalkStep(folder.FullName, WalkStepKind.Note, $"a symbolic link loop back to {Path.TrimEndingDirectorySeparator(ancestor.FullName)}; not followed again"));
                return null;
            }
        }
        if (_walk.Seen.TryGetValue(entry.Identity, out var earlier))
        {
            _walk.Steps.Add(new WalkStep(folder.FullName, WalkStepKind.Note, $"the same folder as {earlier}, already read; not read again"));
            return null;
        }
        _walk.Seen[entry.Identity] = folder.FullName;
        return new GuardedDirectory(folder, entry.Identity, this, _walk);
    }
}
