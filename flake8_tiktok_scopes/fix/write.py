"""Write a fixed file back as a careful editor does: only over the bytes that were analysed,
only inside the trees being fixed, and keeping what the file is (inode, links, owner, mode).

Just before a file is written its bytes are read again and compared (SHA-256) with those the
fix was computed from; a file changed since (an editor, a formatter) is left as it is. ``fix``
runs hold an exclusive lock on the file's folder from that check to the end of the write, so
two of them never interleave: the second sees the first one's change and leaves the file.

How the new bytes go in:

- normally into a temporary file beside the file, given the file's mode, owner, group and
  extended attributes, then renamed over it: a reader, a crash or a full disk never sees half
  a file;
- in place (the same inode) when the file has other hard links, when this user cannot give
  the temporary file the file's owner, group or attributes, or cannot create a file in its
  folder: space is reserved first, and the old bytes are put back if the write fails.

Refused (nothing written): a path that resolves outside the trees being fixed (a symbolic
link to a file elsewhere), and a read-only file (no write permission bit, or not writable by
this user). A symbolic link inside the trees is written through, and the caller says so.

What is guaranteed against other programs: a change saved before the re-check is never
overwritten; the rename is made only if the file still has the size, time and inode it had at
the re-check, so only a change saved within the same instant as the rename itself could be lost.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence

if sys.platform != "win32":
    import fcntl

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_TEMPORARY_SUFFIX = ".tiktok-scopes.tmp"


class Refused(Exception):
    """The file is left as it is, for the reason given (the command says so and exits 1)."""


def roots(paths: Sequence[str]) -> list[str]:
    """The trees being fixed: each named directory, and the folder of each named file (resolved)."""
    return [os.path.realpath(p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p))) for p in paths]


def target(path: str, trees: Sequence[str]) -> str:
    """The real file ``path`` names; :class:`Refused` when it lies outside ``trees`` or is read-only."""
    real = os.path.realpath(path)
    if not any(_within(real, tree) for tree in trees):
        raise Refused(f"it resolves to {real}, outside the tree being fixed (a symbolic link?)")
    mode = os.stat(real).st_mode
    if not stat.S_ISREG(mode):
        raise Refused("it is not a regular file")
    if not mode & 0o222 or not os.access(real, os.W_OK):
        raise Refused("it is read-only")
    return real


def _within(path: str, tree: str) -> bool:
    try:
        return os.path.commonpath([path, tree]) == tree
    except ValueError:  # another drive
        return False


def replace(real: str, data: bytes, digest: str) -> None:
    """Write ``data`` over the file at ``real`` if its bytes still have SHA-256 ``digest``.

    Raises :class:`Refused` when the file changed since it was read, OSError when writing fails
    (the file then holds its old bytes).
    """
    with _folder_locked(os.path.dirname(real)):
        fd = os.open(real, os.O_RDWR | _NOFOLLOW)
        try:
            before = os.fstat(fd)
            old = _read_all(fd)
            if hashlib.sha256(old).hexdigest() != digest:
                raise Refused("it changed since it was read; run fix again")
            if before.st_nlink > 1 or not _replace_by_rename(real, data, fd, before):
                _write_in_place(fd, data, old)
                if os.stat(real).st_ino != before.st_ino:
                    raise Refused("it was replaced while it was being written; run fix again")
        finally:
            os.close(fd)


def _replace_by_rename(real: str, data: bytes, fd: int, before: os.stat_result) -> bool:
    """Rename a temporary copy over ``real``; False when the file's identity could not be kept."""
    try:
        handle, temporary = tempfile.mkstemp(
            dir=os.path.dirname(real), prefix=f".{os.path.basename(real)}.", suffix=_TEMPORARY_SUFFIX
        )
    except PermissionError:
        return False
    try:
        try:
            _same_identity(temporary, fd, before)
        except OSError:
            return False
        _write_all(handle, data)
        os.fsync(handle)
        now = os.stat(real, follow_symlinks=False)
        if (now.st_ino, now.st_size, now.st_mtime_ns) != (before.st_ino, before.st_size, before.st_mtime_ns):
            raise Refused("it changed since it was read; run fix again")
        os.replace(temporary, real)
        temporary = ""
    finally:
        os.close(handle)
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    _sync_folder(os.path.dirname(real))
    return True


def _same_identity(temporary: str, fd: int, before: os.stat_result) -> None:
    """Give the temporary file the file's mode, owner, group and extended attributes (OSError if not)."""
    made = os.stat(temporary)
    if (made.st_uid, made.st_gid) != (before.st_uid, before.st_gid):
        os.chown(temporary, before.st_uid, before.st_gid)
    os.chmod(temporary, stat.S_IMODE(before.st_mode))
    if hasattr(os, "listxattr"):
        for name in os.listxattr(fd):
            os.setxattr(temporary, name, os.getxattr(fd, name))


def _write_in_place(fd: int, data: bytes, old: bytes) -> None:
    """Overwrite the open file with ``data``; on failure put ``old`` back (OSError either way)."""
    if len(data) > len(old) and hasattr(os, "posix_fallocate"):
        try:
            os.posix_fallocate(fd, 0, len(data))  # a full disk fails here, before a byte is changed
        except OSError as error:
            if error.errno not in (errno.EOPNOTSUPP, errno.EINVAL):
                raise
    try:
        _overwrite(fd, data)
    except OSError as error:
        try:
            _overwrite(fd, old)
        except OSError:
            raise OSError(error.errno, f"{error.strerror}; its old content could not be put back") from error
        raise


def _overwrite(fd: int, data: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    _write_all(fd, data)
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


@contextlib.contextmanager
def _folder_locked(folder: str) -> Iterator[None]:
    """An exclusive lock on ``folder`` among ``fix`` runs (none where folders cannot be locked)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        if sys.platform != "win32":
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _sync_folder(folder: str) -> None:
    """Make the rename durable (best effort: not every system can sync a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
