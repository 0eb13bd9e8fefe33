using Mono.Unix;
using Mono.Unix.Native;

namespace Muster.Reading;

/// <summary>What a path names on disk.</summary>
internal enum EntryKind
{
    /// <summary>Nothing: the path does not exist (or a link points nowhere).</summary>
    Missing,
    /// <summary>A regular file, which may be read.</summary>
    File,
    /// <summary>A folder, which may be walked.</summary>
    Folder,
    /// <summary>A named pipe: opening it waits for a writer, so it is never opened.</summary>
    Fifo,
    /// <summary>A Unix socket.</summary>
    Socket,
    /// <summary>A character device (a terminal, <c>/dev/zero</c>).</summary>
    CharacterDevice,
    /// <summary>A block device (a disk).</summary>
    BlockDevice,
    /// <summary>The path could not be examined; <see cref="FileEntry.Error"/> says why.</summary>
    Unreadable,
}

/// <summary>
/// A path's kind and identity, learned from <c>stat(2)</c> (which follows symbolic links) without opening it.
/// </summary>
/// <param name="Kind">What the path names.</param>
/// <param name="Identity">
/// The folder's identity on this machine: device and inode, which name one folder however it is reached.
/// </param>
/// <param name="Error">Why the path could not be examined, for <see cref="EntryKind.Unreadable"/>.</param>
internal readonly record struct FileEntry(EntryKind Kind, string Identity, string? Error)
{
    /// <summary>Examines <paramref name="path"/>, following symbolic links.</summary>
    public static FileEntry Of(string path)
    {
        // Device and inode, not a canonical path: a canonical path (realpath, ResolveLinkTarget) sees through
        // symbolic links only, while bind mounts and the same folder under another mount still look new, and
        // resolving every link of a deep path costs a system call per component; stat gives the one identity
        // the kernel itself uses, the way find(1) and rsync detect loops. Windows has no such pair in .NET,
        // and no FIFOs to refuse, so there the full path stands in for it.
        if (OperatingSystem.IsWindows())
            return OfWindowsPath(path);
        if (Syscall.stat(path, out var status) != 0)
        {
            var errno = Stdlib.GetLastError();
            return errno switch
            {
                Errno.ENOENT or Errno.ENOTDIR => new FileEntry(EntryKind.Missing, "", null),
                Errno.ELOOP => new FileEntry(EntryKind.Unreadable, "", "a symbolic link that loops (it never reaches a file)"),
                _ => new FileEntry(EntryKind.Unreadable, "", $"cannot examine: {UnixMarshal.GetErrorDescription(errno)}"),
            };
        }
        var kind = (status.st_mode & FilePermissions.S_IFMT) switch
        {
            FilePermissions.S_IFREG => EntryKind.File,
            FilePermissions.S_IFDIR => EntryKind.Folder,
            FilePermissions.S_IFIFO => EntryKind.Fifo,
            FilePermissions.S_IFSOCK => EntryKind.Socket,
            FilePermissions.S_IFCHR => EntryKind.CharacterDevice,
            FilePermissions.S_IFBLK => EntryKind.BlockDevice,
            _ => EntryKind.Unreadable,
        };
        return new FileEntry(kind, $"{status.st_dev}:{status.st_ino}", kind == EntryKind.Unreadable ? "not a file Muster can read" : null);
    }

    /// <summary>
    /// Why a path of this kind is not read, in a few words, or null for a file or folder. These are never
    /// opened: opening a FIFO blocks until something writes to it, and a device may never end.
    /// </summary>
    public string? Refusal => Kind switch
    {
        EntryKind.Fifo => "a named pipe (FIFO), not a page file; not opened",
        EntryKind.Socket => "a socket, not a page file; not opened",
        EntryKind.CharacterDevice => "a character device, not a page file; not opened",
        EntryKind.BlockDevice => "a block device, not a page file; not opened",
        EntryKind.Unreadable => Error,
        _ => null,
    };

    private static FileEntry OfWindowsPath(string path)
    {
        if (Directory.Exists(path))
        {
            var info = new DirectoryInfo(path);
            var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
            return new FileEntry(EntryKind.Folder, Path.TrimEndingDirectorySeparator(target).ToUpperInvariant(), null);
        }
        return System.IO.File.Exists(path) ? new FileEntry(EntryKind.File, "", null) : new FileEntry(EntryKind.Missing, "", null);
    }
}
