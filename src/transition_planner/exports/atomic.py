"""Outputs are written whole or not at all.

A set of files goes into a temporary sibling folder (``.DIR.xxxxxxxx.tmp``), then replaces DIR
in one rename (an atomic exchange on Linux); the folder it replaces is kept as ``DIR.previous``.
That is done only when DIR is missing, empty, or holds nothing but files of the set being
written, so a folder with anything else in it (the user's own files, or another command's
outputs such as a PDF written with ``-o``) is never moved away: there each file is written to a
temporary name beside it and renamed over its old version, once every file is written.
Temporary files and folders are removed on any error, on Ctrl-C and on SIGTERM; those left by a
process killed outright are removed by the next write to the same place.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import FrameType

from transition_planner.errors import OutputError

PREVIOUS_SUFFIX = ".previous"
# Tests set this to pause after each write until a line comes on standard input, to interrupt
# the process between any two writes.
PAUSE_ENV = "TPLAN_TEST_PAUSE_BETWEEN_WRITES"
_RENAME_EXCHANGE = 2
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def write_files(out_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write each named file into ``out_dir``, all of them or (on any failure) none."""
    out_dir = Path(out_dir)
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(out_dir, files)
        swap = not out_dir.exists() or _holds_only(out_dir, files)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the folder: {exc.strerror}") from exc
    with _signals_raise():
        try:
            if swap:
                _write_swapped(out_dir, files)
            else:
                _write_beside(out_dir, files)
        except OSError as exc:
            raise OutputError(f"{out_dir}: cannot write outputs: {exc.strerror}") from exc
    return [out_dir / name for name in files]


def _holds_only(out_dir: Path, files: Mapping[str, bytes]) -> bool:
    if not out_dir.is_dir() or out_dir.is_symlink():
        return False
    # never move the working folder (or one holding it) from under the user
    if Path.cwd().resolve().is_relative_to(out_dir.resolve()):
        return False
    return all(entry.is_file() and entry.name in files for entry in out_dir.iterdir())


_STALE = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{8}\.tmp$")


def _remove_stale(out_dir: Path, files: Mapping[str, bytes]) -> None:
    """Remove what a killed earlier write to the same place left: our own temporary names."""
    for folder, names in ((out_dir.parent, {out_dir.name}), (out_dir, set(files))):
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            match = _STALE.match(entry.name)
            if match is None or match.group("name") not in names:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def _write_one(folder: Path, name: str, content: bytes) -> Path:
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes files private (0600); outputs get the usual permissions.
        os.chmod(tmp_name, 0o666 & ~_umask())
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return Path(tmp_name)


def _write_beside(out_dir: Path, files: Mapping[str, bytes]) -> None:
    temps: list[tuple[Path, Path]] = []
    try:
        for name, content in files.items():
            temps.append((_write_one(out_dir, name, content), out_dir / name))
            _pause()
        with _signals_held():
            for tmp, final in temps:
                tmp.replace(final)
    except BaseException:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise


def _write_swapped(out_dir: Path, files: Mapping[str, bytes]) -> None:
    staging = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.", suffix=".tmp"))
    try:
        os.chmod(staging, 0o777 & ~_umask())
        for name, content in files.items():
            _write_one(staging, name, content).rename(staging / name)
            _pause()
        _fsync_dir(staging)
        previous = out_dir.with_name(out_dir.name + PREVIOUS_SUFFIX)
        with _signals_held():
            if not out_dir.exists() or not any(out_dir.iterdir()):
                staging.replace(out_dir)  # over an empty folder, POSIX rename is enough
            else:
                if previous.is_dir() and not previous.is_symlink():
                    shutil.rmtree(previous)
                else:
                    previous.unlink(missing_ok=True)
                if _exchange(staging, out_dir):
                    staging.rename(previous)  # staging now holds the old outputs
                else:
                    out_dir.rename(previous)
                    staging.rename(out_dir)
            _fsync_dir(out_dir.parent)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic rename (Linux renameat2); False where that is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot exchange
        return False
    raise OSError(errno, os.strerror(errno), str(b))


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _pause() -> None:
    if os.environ.get(PAUSE_ENV):
        print("tplan: wrote a file", file=sys.stderr, flush=True)
        sys.stdin.readline()


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt while writing (as Ctrl-C does), so temporaries go."""
    if not _main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    old = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the renames are done: the folder is never half swapped."""
    if not _main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
