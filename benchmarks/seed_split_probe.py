"""Issue 18 probe: the seed plan's money stage split on the closure months of Bloxwich and
Brownhills (bands: before day 52, 52-82, from 83; parts named by the two band numbers).

    .venv/bin/python benchmarks/seed_split_probe.py 5 00 01 02 10 11 12 20 21 22

The least bound over all parts is a bound on the whole; figures in RESULTS.md (issue 18).
"""
import sys, math, json
from ortools.sat.python import cp_model
from transition_planner.plan.load import load_plan
from transition_planner.problem.compile import compile_plan
from transition_planner.solver import greedy
from transition_planner.solver.bounds import latest_starts
from transition_planner.solver.cpsat import Builder, parameters
p = compile_plan(load_plan('plans/links-to-work.yaml').plan).problem
g = greedy(p)
lim = float(sys.argv[1]); parts = sys.argv[2:]
bands = [(0, 51), (52, 82), (83, 10**6)]
for part in parts:
    i, j = int(part[0]), int(part[1])
    b = Builder(p, latest=latest_starts(p, g.objective))
    money = cp_model.LinearExpr.sum(b.money)
    b.m.add(money <= g.objective)
    for site, k in (("close:bloxwich-satellite", i), ("close:brownhills-satellite", j)):
        lo, hi = bands[k]
        b.m.add(b.start[site] >= lo); b.m.add(b.start[site] <= hi)
    b.hint(g.starts, g.choices)
    b.m.minimize(money)
    s = cp_model.CpSolver(); parameters(s, workers=2, seed=0, limit=lim, wall_cap=900, size=len(p.activities))
    st = s.status_name(s.solve(b.m))
    print(json.dumps(dict(part=part, status=st, money=round(s.objective_value) if st in ("OPTIMAL","FEASIBLE") else None, bound=math.ceil(s.best_objective_bound-1e-6) if st in ("OPTIMAL","FEASIBLE") else None, det=round(s.deterministic_time,2))), flush=True)
