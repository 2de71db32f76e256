"""Outputs are written whole or not at all: every file goes to a temporary name first."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from transition_planner.errors import OutputError


def write_files(out_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write each named file into ``out_dir``; if any write fails, none of them is left."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the folder: {exc.strerror}") from exc
    temps: list[tuple[Path, Path]] = []
    try:
        for name, content in files.items():
            fd, tmp_name = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            # mkstemp makes files private (0600); outputs get the usual permissions.
            os.chmod(tmp_name, 0o666 & ~_umask())
            temps.append((Path(tmp_name), out_dir / name))
        for tmp, final in temps:
            tmp.replace(final)
    except OSError as exc:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise OutputError(f"{out_dir}: cannot write outputs: {exc.strerror}") from exc
    return [final for _, final in temps]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
