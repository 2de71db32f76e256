"""The PSPLIB reader (benchmarks/psplib.py), the reference tables, and CP-SAT against known
optima. The instances live in ../shared/benchmarks/psplib (or $PSPLIB_DIR); without them these
tests are skipped with the reason shown in the summary (pytest -rs, on by default here)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from transition_planner.problem import Demand, LinearCost, Precedence, Resource
from transition_planner.solver import check, greedy, solve

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from psplib import best_known, instance_key, read_reference, read_sm

ROOT = Path(
    os.environ.get(
        "PSPLIB_DIR", Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "psplib"
    )
)
pytestmark = pytest.mark.skipif(
    not ROOT.is_dir(),
    reason=f"PSPLIB instances not found at {ROOT}: set PSPLIB_DIR or keep ../shared beside the repo",
)


def test_read_j301_1() -> None:
    p = read_sm(ROOT / "j30" / "j301_1.sm")
    p.validate()
    assert p.name == "j301_1"
    assert p.horizon == 158
    assert [a.id for a in p.activities] == [str(n) for n in range(1, 33)]
    assert [a.duration for a in p.activities[:4]] == [0, 8, 4, 6]
    assert p.resources == (
        Resource("R1", 12),
        Resource("R2", 13),
        Resource("R3", 4),
        Resource("R4", 12),
    )
    assert len(p.precedences) == 48  # the successor counts in the file add up to 48
    assert p.precedences[:3] == (Precedence("1", "2"), Precedence("1", "3"), Precedence("1", "4"))
    assert Demand("2", "R1", 4) in p.demands and Demand("4", "R4", 3) in p.demands
    assert p.linear_costs == (LinearCost("32", 1, at="start"),)


def test_reference_tables() -> None:
    opt = read_reference(ROOT / "j30opt.sm")
    assert len(opt) == 480 and opt[1, 1] == 43 and opt[48, 10] > 0
    assert len(read_reference(ROOT / "j60hrs.sm")) == 480
    assert read_reference(ROOT / "j120hrs.sm")[1, 1] == 105
    assert best_known(ROOT, "j30")["j3010_3"] == opt[10, 3]


def test_instance_key() -> None:
    assert instance_key("j3010_3") == ("j30", 10, 3)
    assert instance_key("some/dir/j1201_1.sm") == ("j120", 1, 1)
    with pytest.raises(ValueError, match="not a PSPLIB instance name"):
        instance_key("j90_1")


@pytest.mark.parametrize("name", ["j301_1", "j3010_3", "j3045_5"])
def test_reaches_the_proven_optimum(name: str) -> None:
    p = read_sm(ROOT / "j30" / f"{name}.sm")
    s = solve(p, budget=5.0, tie_break=False)
    assert s.status == "OPTIMAL"
    assert s.objective == best_known(ROOT, "j30")[name]
    assert check(p, s.starts, s.choices) == []
    baseline = greedy(p)
    assert baseline.status == "FEASIBLE"
    assert baseline.objective is not None and baseline.objective >= s.objective


def test_not_optimal_unless_proven() -> None:
    # j3013_1 (optimum 58) is one of the hard j30 instances: a tiny budget proves nothing.
    p = read_sm(ROOT / "j30" / "j3013_1.sm")
    s = solve(p, budget=0.3, tie_break=False)
    assert s.status == "FEASIBLE"
    assert s.objective is not None and s.bound is not None and s.gap is not None
    assert s.bound <= 58 <= s.objective
    assert s.gap > 0
