namespace Muster.Reading;

/// <summary>What a folder walk met at one path.</summary>
internal enum WalkStepKind
{
    /// <summary>A regular file to read.</summary>
    File,
    /// <summary>A path that is not read, with the reason (a FIFO, a device, an unreadable folder).</summary>
    Refused,
    /// <summary>A folder that is not entered again (a symbolic link loop, a folder reached twice), with a note.</summary>
    Note,
}

/// <summary>One path a folder walk met, and what to do with it.</summary>
internal readonly record struct WalkStep(string Path, WalkStepKind Kind, string? Message);

/// <summary>
/// Walks a folder depth-first, in ordinal order of the paths, entering every folder once: a folder is known by
/// its device and inode (<see cref="FileEntry"/>), so a symbolic link back to an ancestor, or a second way into a
/// folder already read, ends with a note instead of a walk that never ends. Files are examined, never opened:
/// FIFOs, sockets and devices are refused with a reason. Hidden entries (names starting with a dot) are skipped
/// and counted in one note.
/// </summary>
internal static class FolderWalk
{
    private sealed record Folder(string Path, string Identity, Folder? Parent);

    private static readonly EnumerationOptions TopLevel = new()
    {
        RecurseSubdirectories = false,
        // Unreadable folders are reported, not skipped in silence.
        IgnoreInaccessible = false,
        // Hidden entries are listed so that they can be counted; they are passed over below.
        AttributesToSkip = 0,
    };

    /// <summary>The steps of walking <paramref name="root"/>, a folder whose entry is <paramref name="rootEntry"/>.</summary>
    public static IEnumerable<WalkStep> Walk(string root, FileEntry rootEntry)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal) { [rootEntry.Identity] = root };
        // An explicit stack, not recursion: a deep tree costs memory in proportion to its depth only.
        var pending = new Stack<(string Path, Folder? Parent)>();
        pending.Push((root, null));
        var rootFolder = new Folder(root, rootEntry.Identity, null);
        var first = true;
        // Hidden entries (names starting with a dot: .git, .DS_Store, editor swap files) are not pages and are passed
        // over, but counted and named in one note at the end, so that a page saved as a dotfile is not lost in silence.
        var hiddenFiles = 0;
        var hiddenFolders = 0;
        while (pending.Count > 0)
        {
            var (path, parent) = pending.Pop();
            Folder folder;
            if (first)
            {
                folder = rootFolder;
                first = false;
            }
            else
            {
                var entry = FileEntry.Of(path);
                if (entry.Kind != EntryKind.Folder)
                {
                    yield return Examined(path, entry);
                    continue;
                }
                if (Ancestor(parent, entry.Identity) is { } ancestor)
                {
                    yield return new WalkStep(path, WalkStepKind.Note, $"a symbolic link loop back to {ancestor.Path}; not followed again");
                    continue;
                }
                if (seen.TryGetValue(entry.Identity, out var earlier))
                {
                    yield return new WalkStep(path, WalkStepKind.Note, $"the same folder as {earlier}, already read; not read again");
                    continue;
                }
                seen[entry.Identity] = path;
                folder = new Folder(path, entry.Identity, parent);
            }

            List<(string Path, string SortKey)> children;
            string? failure = null;
            try
            {
                var listed = new DirectoryInfo(folder.Path).EnumerateFileSystemInfos("*", TopLevel).ToList();
                foreach (var hidden in listed.Where(info => info.Name.StartsWith('.')))
                {
                    if (hidden is DirectoryInfo)
                        hiddenFolders++;
                    else
                        hiddenFiles++;
                }
                children = listed.Where(info => !info.Name.StartsWith('.'))
                    // A folder sorts as its name followed by '/', so the walk's order is the ordinal order of
                    // the whole paths (a/x.txt before a.txt), as when every file was listed and sorted at once.
                    .Select(info => (Path.Join(folder.Path, info.Name), info.Name + (info is DirectoryInfo ? "/" : "")))
                    .OrderBy(child => child.Item2, StringComparer.Ordinal)
                    .ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                children = [];
                failure = $"cannot read this folder: {e.Message}";
            }
            if (failure is not null)
            {
                yield return new WalkStep(folder.Path, WalkStepKind.Refused, failure);
                continue;
            }
            for (var i = children.Count - 1; i >= 0; i--)
                pending.Push((children[i].Path, folder));
        }
        if (hiddenFiles + hiddenFolders > 0)
            yield return new WalkStep(root, WalkStepKind.Note,
                "skipped " + string.Join(" and ", new[] { Count(hiddenFiles, "hidden file"), Count(hiddenFolders, "hidden folder") }.Where(c => c.Length > 0)) +
                " (names starting with a dot)");
    }

    private static string Count(int n, string noun) => n switch { 0 => "", 1 => $"1 {noun}", _ => $"{n} {noun}s" };

    /// <summary>A file the walk met: to read when it is a regular file, else refused with the reason.</summary>
    internal static WalkStep Examined(string path, FileEntry entry) => entry.Kind switch
    {
        EntryKind.File => new WalkStep(path, WalkStepKind.File, null),
        EntryKind.Missing => new WalkStep(path, WalkStepKind.Refused, "a symbolic link to nothing (its target is missing)"),
        _ => new WalkStep(path, WalkStepKind.Refused, entry.Refusal),
    };

    private static Folder? Ancestor(Folder? folder, string identity)
    {
        for (; folder is not null; folder = folder.Parent)
            if (folder.Identity == identity)
                return folder;
        return null;
    }
}
