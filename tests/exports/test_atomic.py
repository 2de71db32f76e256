"""Outputs all or nothing: a process killed between any two writes leaves the old set or the new."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from transition_planner.errors import OutputError
from transition_planner.exports.atomic import PAUSE_ENV, write_files

OLD = {"a.txt": b"old a", "b.csv": b"old b", "c.json": b"old c"}
NEW = {"a.txt": b"new a", "b.csv": b"new b", "c.json": b"new c"}

CHILD = """
import sys
from pathlib import Path
from transition_planner.exports.atomic import write_files
write_files(Path(sys.argv[1]), {"a.txt": b"new a", "b.csv": b"new b", "c.json": b"new c"})
"""


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.endswith(".tmp")}


def temporaries(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.name.endswith(".tmp"))


def interrupted_write(out: Path, sig: signal.Signals, after_writes: int) -> None:
    """Run write_files(out, NEW) in a child and send ``sig`` once it has written that many files
    (0: at once)."""
    env = {**os.environ, PAUSE_ENV: "1"}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(out)],
        env=env,
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stderr is not None
    for n in range(after_writes):
        assert child.stderr.readline() == "tplan: wrote a file\n"
        if n + 1 < after_writes:
            child.stdin.write("\n")
            child.stdin.flush()
    child.send_signal(sig)
    child.communicate(timeout=30)
    assert child.returncode != 0


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("after_writes", [0, 1, 2, 3])
def test_killed_between_writes_leaves_old_or_new(
    tmp_path: Path, sig: signal.Signals, after_writes: int
) -> None:
    out = tmp_path / "out"
    write_files(out, OLD)
    interrupted_write(out, sig, after_writes)
    assert contents(out) in (OLD, NEW)
    if sig is not signal.SIGKILL:
        # Ctrl-C and SIGTERM clean up; a killed process's temporaries go on the next write
        assert temporaries(tmp_path) == []
    assert temporaries(out) == []
    write_files(out, NEW)
    assert contents(out) == NEW
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
@pytest.mark.parametrize("after_writes", [1, 3])
def test_a_folder_with_other_files_keeps_them(
    tmp_path: Path, sig: signal.Signals, after_writes: int
) -> None:
    out = tmp_path / "out"
    write_files(out, OLD)
    (out / "notes.docx").write_bytes(b"mine")
    interrupted_write(out, sig, after_writes)
    assert contents(out) in ({**OLD, "notes.docx": b"mine"}, {**NEW, "notes.docx": b"mine"})
    if sig is not signal.SIGKILL:
        assert temporaries(tmp_path) == []
    write_files(out, NEW)
    assert contents(out) == {**NEW, "notes.docx": b"mine"}
    assert temporaries(tmp_path) == []
    assert not (tmp_path / "out.previous").exists()


def test_previous_run_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert write_files(out, OLD) == [out / name for name in OLD]
    assert not (tmp_path / "out.previous").exists()
    write_files(out, NEW)
    assert contents(out) == NEW
    assert contents(tmp_path / "out.previous") == OLD
    write_files(out, {"a.txt": b"third", "b.csv": b"", "c.json": b""})
    assert contents(out)["a.txt"] == b"third"
    assert contents(tmp_path / "out.previous") == NEW
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "out.previous"]


def test_another_commands_outputs_are_not_moved_away(tmp_path: Path) -> None:
    """``report -o out/action-plan.pdf`` then ``brief -o out/briefing.pdf``: both stay."""
    out = tmp_path / "out"
    write_files(out, {"action-plan.pdf": b"report"})
    write_files(out, {"briefing.pdf": b"brief"})
    assert contents(out) == {"action-plan.pdf": b"report", "briefing.pdf": b"brief"}
    assert not (tmp_path / "out.previous").exists()


def test_the_working_folder_is_never_swapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_files(Path("."), {"schema.json": b"{}"})
    write_files(Path("."), {"schema.json": b"{1}"})
    assert contents(tmp_path) == {"schema.json": b"{1}"}


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_files(out, OLD)
    with pytest.raises(OutputError, match="cannot write outputs"):
        write_files(out, {"a.txt": b"x", "bad/name": b"y"})
    assert contents(out) == OLD
    assert temporaries(tmp_path) == []
