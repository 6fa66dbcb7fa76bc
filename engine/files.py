"""Reading and writing files that strangers may have prepared.

Reading: only regular files are opened (never a device, a FIFO or a socket), their size is
checked before a byte is read, and the read itself stops at the limit (a file that grows
while it is read is refused too). `/dev/zero`, `/dev/urandom` or a FIFO named as a scenario,
an include, a rule set or a save is refused at once with a message.

Writing: a temporary file beside the target, flushed to disk, then renamed over it, so a
crash or a full disk part-way leaves the old file intact. Only a regular file or a new path
is ever replaced: a symbolic link, a FIFO, a device or a folder at the target is refused
(renaming over them would replace the link or the device node itself).

Stale temporary files: a writer holds an advisory lock (`flock`) on its temporary file
`.NAME.XXXXXXXX.tmp` while it lives, so the lock goes when the process dies, even by SIGKILL.
Before making its own, every write removes the temporary files of its own target that no
process holds and that are older than STALE_AFTER seconds (where `flock` is missing, as on
Windows, nothing is removed).
"""
from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any, Callable

from engine.errors import Problem, ScenarioError

STALE_AFTER = 10.0       # seconds: an unlocked temporary file younger than this may be one just made


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _size(n: int) -> str:
    return f"{n // 1024} KiB" if n < 10 * 1024 * 1024 else f"{n // (1024 * 1024)} MiB"


# -- reading --------------------------------------------------------------------------------
def read_limited(path: str | Path, limit: int, display: str | None = None) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them; ScenarioError (with
    the file name, line 1, column 1) for anything else: missing, a folder, a device, a FIFO,
    a socket, unreadable, or larger than `limit`."""
    name = display or str(path)

    def refuse(message: str) -> ScenarioError:
        return ScenarioError(Problem(name, 1, 1, message))

    def why(exc: OSError) -> ScenarioError:
        if isinstance(exc, FileNotFoundError):
            return refuse("file not found")
        if isinstance(exc, IsADirectoryError):
            return refuse("is a folder, not a file")
        return refuse(f"cannot read: {exc.strerror or exc}")

    def check(st: os.stat_result) -> None:
        if stat.S_ISDIR(st.st_mode):
            raise refuse("is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise refuse(f"is {_kind(st.st_mode)}, not a regular file; only regular files are read")
        if st.st_size > limit:
            raise refuse(f"file is {_size(st.st_size)}; the limit is {_size(limit)}")

    try:
        check(os.stat(path))          # before opening: opening some devices has effects
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
    except ScenarioError:
        raise
    except (OSError, ValueError) as exc:          # ValueError: a NUL in the path
        if isinstance(exc, ValueError):
            raise refuse("the file name holds a NUL character") from None
        raise why(exc) from None
    try:
        check(os.fstat(fd))           # what was opened (the path may have changed since)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise refuse(f"file is larger than {_size(limit)} (it grew while it was read); the limit is {_size(limit)}")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise why(exc) from None
    finally:
        os.close(fd)


# -- writing --------------------------------------------------------------------------------
def check_target(path: str | Path) -> None:
    """OSError unless `path` is a regular file or does not exist yet (a symbolic link, a FIFO,
    a device, a socket or a folder is never replaced)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        return                    # let the write itself say what is wrong
    if not stat.S_ISREG(st.st_mode):
        raise OSError(errno.EEXIST, f"it is {_kind(st.st_mode)}; only a regular file or a new path is written "
                                    "(nothing was changed)", str(path))


def _flock(fd: int) -> bool:
    """Take an exclusive advisory lock on `fd` without waiting: False if another holds it, or
    where there is no `flock`."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def remove_stale_temporaries(path: str | Path, suffix: str = ".tmp") -> list[str]:
    """Remove the temporary files a killed writer left beside `path` (`.NAME.XXXXXXXX` +
    `suffix`, regular files that no process holds locked, older than STALE_AFTER seconds);
    their names. Nothing else is touched, and failures are ignored."""
    try:
        import fcntl  # noqa: F401
    except ImportError:
        return []
    import time

    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}{re.escape(suffix)}")
    removed: list[str] = []
    try:
        names = [e.name for e in os.scandir(folder) if pattern.fullmatch(e.name)]
    except OSError:
        return removed
    for name in names:
        tmp = folder / name
        try:
            st = os.lstat(tmp)
            if not stat.S_ISREG(st.st_mode) or time.time() - st.st_mtime < STALE_AFTER:
                continue
            fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            same = os.fstat(fd).st_ino == st.st_ino
            if same and _flock(fd):          # no live writer holds it
                os.unlink(tmp)
                removed.append(name)
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


def _temporary(path: Path, suffix: str) -> tuple[int, str, bool]:
    """A new temporary file beside `path` (stale ones removed first): its descriptor, its
    name, and whether it is locked (the descriptor must then stay open while it is written)."""
    folder = path.parent if str(path.parent) else Path(".")
    remove_stale_temporaries(path, suffix)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=folder)
    return fd, tmp, _flock(fd)


def write_atomic(path: str | Path, write: Callable[[str], None], suffix: str = ".tmp",
                 check: Callable[[str], None] | None = None) -> None:
    """Create the file through `write(temporary_path)`, then rename it over `path`.

    `check(temporary_path)` may raise OSError when what was written is not whole (a library
    that ignores write errors). On any failure the temporary file is removed, the old file
    at `path` is kept, and OSError says so."""
    path = Path(path)
    check_target(path)
    existed = path.exists()
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp, locked = _temporary(path, suffix)
    if not locked:
        os.close(fd)
    try:
        _write_and_rename(path, tmp, write, check, existed)
    finally:
        if locked:
            os.close(fd)                         # the lock goes with it


def _write_and_rename(path: Path, tmp: str, write: Callable[[str], None], check: Callable[[str], None] | None,
                      existed: bool) -> None:
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if os.path.getsize(tmp) == 0:
            raise OSError(errno.EIO, "nothing was written (disk full?)", str(path))
        if check is not None:
            check(tmp)
        os.chmod(tmp, 0o666 & ~_umask())        # mkstemp makes 0600; these are ordinary files
        check_target(path)                       # still a regular file or nothing
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            kept = "the old file is kept" if existed else "no file was made"
            reason = exc.strerror or str(exc)
            if "nothing was changed" not in reason:
                reason = f"{reason}; {kept}"
            raise OSError(exc.errno or errno.EIO, reason, str(path)) from exc
        raise


class AtomicTextFile:
    """A text file written bit by bit (a batch's JSON, one game at a time) that appears at
    `path` whole or not at all: `commit()` flushes, fsyncs and renames it over `path` (the same
    checks as `write_atomic`); `discard()` removes it. A process killed before either leaves
    the old file as it was (and a temporary `.NAME.*.tmp` file beside it, which the next write
    of `path` removes: see `remove_stale_temporaries`)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        check_target(self.path)
        self.existed = self.path.exists()
        fd, self.tmp, _ = _temporary(self.path, ".tmp")      # locked while `fh` is open
        self.fh = os.fdopen(fd, "w", encoding="utf-8")

    def write(self, text: str) -> None:
        try:
            self.fh.write(text)
        except OSError as exc:
            self.discard()
            raise OSError(exc.errno or errno.EIO, f"{exc.strerror or exc}; {self._kept()}", str(self.path)) from exc

    def _kept(self) -> str:
        return "the old file is kept" if self.existed else "no file was made"

    def commit(self) -> None:
        try:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
            if os.path.getsize(self.tmp) == 0:
                raise OSError(errno.EIO, "nothing was written (disk full?)", str(self.path))
            os.chmod(self.tmp, 0o666 & ~_umask())
            check_target(self.path)
            os.replace(self.tmp, self.path)
        except OSError as exc:
            self.discard()
            reason = exc.strerror or str(exc)
            if "nothing was changed" not in reason:
                reason = f"{reason}; {self._kept()}"
            raise OSError(exc.errno or errno.EIO, reason, str(self.path)) from exc

    def discard(self) -> None:
        try:
            self.fh.close()
        except OSError:
            pass
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def write_text_atomic(path: str | Path, text: str) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)

    write_atomic(path, write)


def write_json_atomic(path: str | Path, data: Any, indent: int | None = 1) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=indent)

    write_atomic(path, write)
