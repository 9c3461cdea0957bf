"""The checker's own cache folder: small JSON records, keyed by what they were computed from.

Location: ``$TIKTOK_SCOPES_CACHE_DIR``, else ``$XDG_CACHE_HOME/flake8-tiktok-scopes``, else
``~/.cache/flake8-tiktok-scopes`` (``--tiktok-scopes-cache-dir`` sets it, and
``--tiktok-scopes-no-cache`` or ``TIKTOK_SCOPES_NO_CACHE=1`` turns it off). Nothing else is ever
written. Records are written to a temporary file and renamed into place, so several processes
(flake8 ``-j``, two editors) can share the folder; a record that cannot be read or parsed is
ignored (it is computed again), and any failure to write is silent: the cache only saves time.
Each kind of record has one flat folder: making a file is the dear part of a record (measured:
~0.6 ms each between two files' work, on ext4 in a virtual machine), and a folder per name prefix
made another one for most of a first run's records. For the same reason the records put during an
application's scan are held and written together when it is over (:func:`batched`).
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator
from typing import Any

from . import __version__

#: Bumped when what is stored changes shape or digest (with the package version, part of every key).
FORMAT = 3
#: The records put while a batch is open (:func:`batched`), by path: their JSON text, to be written.
_held: dict[str, bytes] | None = None


def default_directory() -> str:
    """Where the cache lives when nothing says otherwise."""
    configured = os.environ.get("TIKTOK_SCOPES_CACHE_DIR")
    if configured:
        return configured
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "flake8-tiktok-scopes")


def disabled_by_environment() -> bool:
    """True when ``TIKTOK_SCOPES_NO_CACHE`` is set to something other than ``0``."""
    return os.environ.get("TIKTOK_SCOPES_NO_CACHE", "0") not in ("", "0")


def digest(data: str | bytes) -> str:
    """The BLAKE2b-256 of bytes, or of a text's UTF-8 (any text: lone surrogates from undecodable
    names included)."""
    try:  # CPython's own BLAKE2 (0.4 ms to import): ``hashlib`` first loads OpenSSL (4-5 ms), a
        from _blake2 import blake2b  # cost an editor would pay at every save of a TikTok file
    except ImportError:  # pragma: no cover - an interpreter built without it
        from hashlib import blake2b
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    return blake2b(data, digest_size=32).hexdigest()


@functools.lru_cache(maxsize=1)
def checker() -> str:
    """The checker's own code, part of every record's key: the record format, the version, and
    each of the package's files' size and modification time (the catalog is one of them)."""
    package = os.path.dirname(os.path.abspath(__file__))
    return digest("\0".join([str(FORMAT), __version__, *_stamps(package)]))


def _stamps(folder: str) -> Iterator[str]:
    """``path:size:mtime`` of each file under ``folder`` but compiled code, in name order (one
    ``stat`` a file: half the cost of ``os.walk`` and ``os.stat`` by path)."""
    try:
        with os.scandir(folder) as listed:
            entries = sorted(listed, key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _stamps(entry.path)
            continue
        try:
            status = entry.stat()
        except OSError:  # gone since it was listed
            yield f"{entry.path}:"
        else:
            yield f"{entry.path}:{status.st_size}:{status.st_mtime_ns}"


class Cache:
    """Records in one folder (``directory`` None: no cache, every lookup misses)."""

    def __init__(self, directory: str | None) -> None:
        self.directory = directory

    def _path(self, kind: str, key: str) -> str | None:
        if self.directory is None:
            return None
        name = digest(f"{checker()}\0{kind}\0{key}")
        return os.path.join(self.directory, kind, f"{name}.json")

    def get(self, kind: str, key: str) -> Any:
        """The record stored under ``key``, or None."""
        path = self._path(kind, key)
        if path is None:
            return None
        import json

        try:
            if _held is not None and path in _held:
                record = json.loads(_held[path])
            else:
                with open(path, encoding="utf-8") as file:
                    record = json.load(file)
        except (OSError, ValueError):
            return None
        return record.get("value") if isinstance(record, dict) and record.get("key") == key else None

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store a record (atomically; a failure leaves the cache as it was); inside a batch, when
        the batch is over."""
        path = self._path(kind, key)
        if path is None:
            return
        import json

        try:
            data = json.dumps({"key": key, "value": value}).encode("utf-8")  # one call: C's encoder
        except (TypeError, ValueError):
            return
        if _held is not None:
            _held[path] = data
        else:
            _write(path, data)


@contextlib.contextmanager
def batched() -> Iterator[None]:
    """Hold the records put inside, and write them together when the outermost batch is over:
    files made one after another cost a third of files made between two files' work (measured:
    a scan's 505 records, 0.12 s together, 0.25-0.32 s spread over the scan)."""
    global _held
    if _held is not None:
        yield
        return
    _held = {}
    try:
        yield
    finally:
        held, _held = _held, None
        for path, data in held.items():
            _write(path, data)


def _write(path: str, data: bytes) -> None:
    """Write a record's file: to a temporary file of its own, renamed into place."""
    with contextlib.suppress(OSError):
        folder = os.path.dirname(path)
        temporary = os.path.join(folder, f".record.{os.getpid()}.{os.urandom(6).hex()}.tmp")
        try:
            handle = _create(temporary)
        except FileNotFoundError:  # the kind's folder is made when its first record is
            os.makedirs(folder, exist_ok=True)
            handle = _create(temporary)
        try:
            with open(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


def _create(path: str) -> int:
    """A new file only this process writes (as ``tempfile.mkstemp`` makes them: it must not exist,
    and only its owner may read it), open for writing."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
