"""Reading the files a plan names (people, staff) safely: inside the plan's folder, regular files
only, size checked before a byte is read, and never more than the limit read.

A plan may come from someone else; without these checks ``people: /etc/passwd`` or a symlink to
it would echo a line of it in an error message, and ``people: /dev/zero`` would never return.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

ELLIPSIS = "…"


class InputRefused(Exception):
    """A file the plan names cannot be read; ``message`` says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class InputFile:
    """The bytes of one file the plan names, read once (parsed and hashed from the same bytes)."""

    path: Path
    data: bytes


def clip(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters with '…', so error messages echo little of a file."""
    text = text.replace("\n", " ").replace("\r", " ")
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def resolve_input(folder: Path, name: str, *, allow_outside: bool) -> Path:
    """The file ``name`` (as written in the plan) relative to the plan's ``folder``.

    Raises InputRefused when it is outside the folder's tree (``../``, an absolute path or a
    symlink leading out) unless ``allow_outside``.
    """
    path = folder / name
    if allow_outside:
        return path
    root = folder.resolve()
    if not path.resolve().is_relative_to(root):
        written = Path(os.path.normpath(root / name))
        where = (
            "leads (through a symlink) to a file outside"
            if written.is_relative_to(root)
            else "is outside"
        )
        raise InputRefused(
            f"'{clip(name)}' {where} the plan's folder; keep people, staff and carers files in the "
            "plan's folder (or below it), or pass --allow-outside"
        )
    return path


def read_input(path: Path, limit: int) -> InputFile:
    """Read a regular file of at most ``limit`` bytes, checking type and size before reading."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputRefused("file not found") from None
    except OSError as exc:
        raise InputRefused(f"cannot read: {exc.strerror}") from None
    _check(info, limit)
    try:
        # O_NONBLOCK: should the path be swapped for a FIFO after the check, open cannot hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputRefused(f"cannot read: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        _check(os.fstat(handle.fileno()), limit)
        data = handle.read(limit + 1)
    if len(data) > limit:
        _too_large(len(data), limit)
    return InputFile(path, data)


def _check(info: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputRefused("is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode) else "a device or socket"
        raise InputRefused(f"is {kind}, not a regular file; refusing to read it")
    if info.st_size > limit:
        _too_large(info.st_size, limit)


def _too_large(size: int, limit: int) -> None:
    raise InputRefused(
        f"file is larger than {limit // 2**20} MiB ({size // 2**20} MiB); "
        "split the list or remove unused sheets and columns"
    )
