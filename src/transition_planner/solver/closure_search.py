"""A search over the closure decisions: which site closes first, each order completed greedily.

Most of a plan's money is decided by when each site closes (its running costs, rent and the
pay of the staff who leave with it), and that is decided by which site's reviews and moves the
teams do first. CP-SAT cannot see this on a large plan -- the model is too big to improve in the
budget -- while the greedy sees it in a fraction of a second per try. So the search is over site
orders and the greedy does the rest:

- **Decisions.** One unit per closing site: its ``close`` activity and every activity it waits
  on (``priority.ancestors``: the site's reviews, carers' assessments, moves, ...).
- **Candidate.** An order of groups of units (``Order``; the sites of a group share a rank).
  It becomes a greedy ``rank``: the ``n`` groups get ``n, n-1, ..., 1`` in order (an activity
  under two units takes the higher), every activity under none 0, and each activity adds its
  Smith index (``priority.cost_rates``) scaled into ``[0, 0.5)`` so the greedy's own cost
  order breaks ties inside a rank (or, a second kind of candidate, urgency alone does:
  ``Candidate``). ``greedy.attempt`` completes the schedule; it is kept only if ``check``
  finds nothing broken, and scored by ``evaluate`` (money, then people).
- **Start.** Given a ``guide`` (the sequencing relaxation's own schedule: it sees each team
  as one sequence and every cost), first its closures as due dates with every site in one
  group and ties by urgency, and its closure order (``guided_keys``). Then the closures'
  cost-rate order, the order in which the given schedule (the greedy's) closes the sites
  (same day, same group), and all sites in one group; each with Smith ties, then each with
  urgency ties.
- **Moves.** From the incumbent: swap two neighbouring groups, move one site (alone, or into
  another group), move a block of groups, merge two neighbours or split one, or (one draw in
  six) switch the kind of ties; drawn by a ``random.Random(seed)``. A candidate no dearer than
  the incumbent replaces it (sideways moves cross plateaus); the cheapest ever seen is
  returned. Candidates already tried are not tried again.
- **Month steps** (after ``1 - STEP_SHARE`` of the runs). An order decides which site's work
  goes first, not the month each site closes in, and a closure a few days past a month step
  pays the whole month. So from the current candidate ``near_misses`` lists the costed
  activities (closures, lease exits, ...) that sit fewer than ``NEAR_DAYS`` days past a step
  their earliest start could meet, dearest first, and ``step_moves`` tries to bring each in:
  a due date for it (``greedy.attempt``'s ``due``: its latest start, and through the backward
  pass its reviews' and moves', as if its cost first bit on that step), with either kind of
  ties; the same with every other closure held to the month it closes in now (its due date
  the day before its next step) and ties by urgency, in the order, with all sites in one
  group (the due dates alone order the teams' work: each closure gets a target month), and
  with the site merged into the group before it; the site moved ahead of that group; and the
  reverse, a cheaper site on a shared team (``_cheaper_rivals``: one whose own next step costs
  less than the saving) moved to just after it, slipping past its step so this one meets its
  own. The first strictly cheaper candidate becomes current and the phase starts again; when
  no move pays, what is left of the runs goes back to the orders (half at a time, due dates
  kept), then steps again. Candidates are keyed by order, ties and due dates.
- **Effort.** ``evaluations = ceil(budget * WORK_PER_BUDGET_SECOND / activities)`` greedy runs
  (at least ``MIN_EVALUATIONS``): derived from the deterministic budget and the problem's size,
  never from the clock, so the same budget gives the same schedule. With ``wall`` the budget is
  seconds of wall clock instead and the search stops when they are spent (not reproducible).
- **Polish** (``improve``, plans of at most ``POLISH_MAX_ACTIVITIES``). CP-SAT then takes
  two sites that share a team, the latest closure and the one before it on that team: their
  activities and everything waiting on them are free, every other start and choice is pinned
  to the schedule (``_pinned``), money is minimised for at most ``POLISH_LIMIT``
  deterministic seconds, and a strictly cheaper schedule that ``check`` passes is kept. Pairs
  follow, latest first, while the polish budget lasts. On a larger plan the polish budget
  buys greedy runs instead (a pinned copy of the whole model is slow to build and solve).

The search never returns a schedule dearer than the one it is given; it proves nothing, so its
status is FEASIBLE.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from transition_planner.plan.steps import StepKind, parse_step_id
from transition_planner.problem import Problem, StepCost
from transition_planner.problem.solution import Solution, check, evaluate
from transition_planner.solver.bounds import earliest_starts, latest_starts
from transition_planner.solver.cpsat import Builder, run
from transition_planner.solver.greedy import Attempt, attempt, better
from transition_planner.solver.priority import ancestors, cost_rates, reachable

# Activities placed per deterministic second of budget: one greedy run on a plan of A
# activities counts A. About 3.5 greedy runs per budget-second on the 5,777-activity
# Birmingham-scale plan (70 at the default budget of 20; each 0.2-0.3 s of wall on the
# benchmark machine), 1 on a 5,000-person plan (18,795 activities, ~1.5 s each).
WORK_PER_BUDGET_SECOND = 20_000
MIN_EVALUATIONS = 4
# deterministic seconds per CP-SAT polish of two sites, and the least worth starting
POLISH_LIMIT = 1.5
MIN_POLISH = 0.5
# above this many activities no polish, its budget goes to the search's greedy runs: building
# and presolving even a pinned copy of the whole model costs 7-17 s of wall per 1.5 det-s
# polish from 3,797 activities up (generated 1,000 people, Birmingham scale; minutes at
# 75,000), and after the month-step phase none of them paid off (session 9)
POLISH_MAX_ACTIVITIES = 3_000
# the share of the Smith index in a rank: below one position, so it only breaks ties
TIE_SHARE = 0.5

# the month-step phase: the share of the greedy runs kept for it, how many days past a step
# an activity may sit to count as a near miss (a month: any closure may try the step before
# it), and the cheaper sites tried as the reverse move
STEP_SHARE = 0.35
NEAR_DAYS = 31
RIVALS = 3

Order = tuple[tuple[str, ...], ...]
"""Groups of close activity ids, first first; the sites of a group share a rank."""
Candidate = tuple[Order, bool]
"""An order, and whether ties inside a rank go by Smith index (else by urgency alone)."""
Dues = tuple[tuple[str, int], ...]
"""Due dates given to the greedy (``greedy.attempt``'s ``due``), by activity id."""
Key = tuple[Order, bool, Dues]
"""A candidate: an order, its kind of ties, and due dates."""


@dataclass(frozen=True)
class Unit:
    """One closure decision: the ``close`` activity and everything it waits on (itself too)."""

    close: str
    activities: frozenset[str]


@dataclass(frozen=True)
class SearchResult:
    """The best schedule found (None if no candidate kept every hard constraint), its site
    order, whether ties went by Smith index, how many greedy runs were made, and the due dates
    the month-step phase gave it."""

    solution: Solution | None
    order: Order
    smith: bool
    evaluations: int
    due: Dues = ()


def closure_units(problem: Problem) -> list[Unit]:
    """The closing sites' units, by close activity id (empty for a plan closing nothing)."""
    preds: dict[str, list[str]] = {a.id: [] for a in problem.activities}
    for before, after in problem.edges():
        preds[after].append(before)
    closes = sorted(a.id for a in problem.activities if _is_close(a.id))
    return [Unit(c, frozenset(ancestors(c, preds))) for c in closes]


def evaluations_for(problem: Problem, budget: float) -> int:
    """Greedy runs a deterministic ``budget`` buys on ``problem`` (see the module docstring)."""
    size = max(len(problem.activities), 1)
    return max(MIN_EVALUATIONS, math.ceil(budget * WORK_PER_BUDGET_SECOND / size))


def order_rank(units: list[Unit], order: Order, ties: dict[str, float]) -> dict[str, float]:
    """The greedy rank for a site ``order`` (higher goes first): see the module docstring.
    ``ties`` is each activity's tie-break in ``[0, TIE_SHARE)``."""
    by_close = {u.close: u for u in units}
    rank = dict(ties)
    n = len(order)
    for position, group in enumerate(order):
        weight = float(n - position)
        for close in group:
            for a in by_close[close].activities:
                if rank[a] < weight:
                    rank[a] = weight + ties[a]
    return rank


def search_closures(
    problem: Problem,
    budget: float,
    *,
    seed: int = 0,
    incumbent: Solution | None = None,
    wall: bool = False,
    evaluations: int | None = None,
    guide: dict[str, int] | None = None,
) -> SearchResult:
    """Search site orders, then month steps, for ``budget`` deterministic seconds (wall-clock
    seconds with ``wall``), or exactly ``evaluations`` greedy runs when given.

    ``incumbent`` (a feasible schedule, e.g. the greedy's) is returned unless a strictly
    cheaper one is found. ``guide`` (start days by activity id: the sequencing relaxation's
    own schedule, ``relaxation.Bound.guide``) adds the first candidates (``guided_keys``). The
    result's solution is FEASIBLE, solver ``"search"``.
    """
    began = time.perf_counter()
    units = closure_units(problem)
    limit = evaluations if evaluations is not None else evaluations_for(problem, budget)
    if len(units) < 2:
        return SearchResult(incumbent, (), True, 0)
    rates = cost_rates(problem)
    earliest = earliest_starts(problem)
    top = max(rates.values()) or 1.0
    ties = {a: TIE_SHARE * r / top * (1 - 1e-9) for a, r in rates.items()}
    no_ties = dict.fromkeys(ties, 0.0)
    rng = random.Random(seed)
    best: Attempt | None = None
    best_key: Key = ((), True, ())
    if incumbent is not None and incumbent.feasible and incumbent.objective is not None:
        best = (
            incumbent.starts,
            incumbent.choices,
            incumbent.objective,
            incumbent.people_penalty,
            [],
        )
    tried: set[Key] = set()
    # schedules of the candidates that kept every hard constraint (the step phase reads the
    # current one's); a dict of references, the greedy's output is not copied
    current_found: dict[Key, Attempt] = {}
    count = 0

    def reached(share: float) -> bool:
        if wall:
            return time.perf_counter() - began >= share * budget
        return count >= share * limit

    def spent() -> bool:
        return reached(1.0)

    def run(key: Key) -> Attempt:
        nonlocal count, best, best_key
        count += 1
        order, smith, dues = key
        rank = order_rank(units, order, ties if smith else no_ties)
        found = attempt(problem, rank, dict(dues) or None)
        tried.add(key)
        if _score(found) is not None:
            current_found[key] = found
        if best is None or better(found, best):
            best, best_key = found, key
        return found

    orders = _initial_orders(units, rates, incumbent)
    none: Dues = ()
    starts: list[Key] = guided_keys(problem, units, guide) if guide else []
    starts += [(o, True, none) for o in orders] + [(o, False, none) for o in orders]
    current: Key = starts[0]
    current_score: tuple[int, int] | None = None
    for key in starts:
        if key in tried or spent():
            continue
        score = _score(run(key))
        if score is not None and (current_score is None or score < current_score):
            current, current_score = key, score

    def order_phase(share: float) -> int:
        """Local search over orders (the due dates kept) until ``share`` of the budget."""
        nonlocal current, current_score
        ran = misses = 0
        while not reached(share) and misses < 50 * max(limit, 1):
            order, smith, dues = current
            if rng.randrange(6) == 0:
                key = (order, not smith, dues)
            else:
                key = (_neighbour(order, rng), smith, dues)
            if key in tried:
                misses += 1
                continue
            ran += 1
            score = _score(run(key))
            if score is not None and (current_score is None or score <= current_score):
                current, current_score = key, score
        return ran

    def step_phase() -> int:
        """Month steps: from the current candidate, make a costed activity that sits a few
        days past a step meet it (see ``step_moves``); the first strictly cheaper candidate
        becomes current, until none is left."""
        nonlocal current, current_score
        ran = 0
        while current_score is not None and not spent():
            base = current_found.get(current)
            if base is None:
                break
            moved = False
            for activity, day, saving in near_misses(problem, base[0], earliest):
                for key in step_moves(problem, units, current, base[0], activity, day, saving):
                    if key in tried or spent():
                        continue
                    ran += 1
                    score = _score(run(key))
                    if score is not None and score < current_score:
                        current, current_score, moved = key, score, True
                        break
                if moved or spent():
                    break
            if not moved:
                break
        return ran

    order_phase(1.0 - STEP_SHARE)
    while not spent():
        ran = step_phase()
        if spent():
            break
        # what the steps left goes back to the orders, half at a time, then steps again
        done = (time.perf_counter() - began) / budget if wall else count / max(limit, 1)
        ran += order_phase(done + max((1.0 - done) / 2, 1e-9))
        if ran == 0:
            break
    solution = None
    if best is not None and best[2] is not None and not best[4]:
        starts_, choices, money, people, _ = best
        solution = Solution(
            "FEASIBLE",
            starts_,
            choices,
            money,
            people,
            None,
            None,
            time.perf_counter() - began,
            "search",
        )
    return SearchResult(solution, best_key[0], best_key[1], count, best_key[2])


def guided_keys(problem: Problem, units: list[Unit], guide: dict[str, int]) -> list[Key]:
    """Candidates from a relaxation's schedule ``guide``: its closure order (ties by Smith
    index), and every site in one group with a due date per closure -- the day the relaxation
    closes it, or the day before its next cost step after that (the month it closes in) -- so
    that the greedy, ties by urgency, packs the teams' work towards the relaxation's closures.

    The relaxation sees each team as one sequence and every cost: where it closes the sites is
    often close to a good schedule's (on the Birmingham-scale plan one greedy run with its
    closure days as due dates costs less than 70 runs of the order search found).
    """
    closes = [u.close for u in units if u.close in guide]
    if len(closes) < 2:
        return []
    by_day = _by_day(closes, guide)
    days = tuple(sorted((c, problem.time_of(c, "end", guide[c])) for c in closes))
    months = []
    for c in closes:
        hold = _hold(problem, c, guide[c])
        if hold is not None:
            months.append((c, hold))
    everyone = (tuple(sorted(u.close for u in units)),)
    keys: list[Key] = [
        (everyone, False, days),
        (everyone, False, tuple(sorted(months))),
        (by_day, True, ()),
        (by_day, False, days),
    ]
    return list(dict.fromkeys(keys))


def near_misses(
    problem: Problem, starts: dict[str, int], earliest: dict[str, int] | None = None
) -> list[tuple[str, int, int]]:
    """Costed activities that sit fewer than ``NEAR_DAYS`` days past a step of their cost
    and could meet it (their ``earliest`` start, by default ``bounds.earliest_starts``,
    allows it): (activity id, the due date that meets the step -- the last day its end may
    come, as ``greedy.attempt``'s ``due`` -- and the money meeting it saves), dearest first."""
    if earliest is None:
        earliest = earliest_starts(problem)
    found: dict[tuple[str, int], int] = {}
    for sc in problem.step_costs:
        if sc.activity not in starts:
            continue
        t = problem.time_of(sc.activity, sc.at, starts[sc.activity])
        rises = [d for d, _ in sc.steps if d <= t and sc.cost_at(d) > sc.cost_at(d - 1)]
        if not rises or t - rises[-1] >= NEAR_DAYS:
            continue
        step = rises[-1]
        if problem.time_of(sc.activity, sc.at, earliest.get(sc.activity, 0)) >= step:
            continue  # the precedences alone keep it past the step
        duration = problem.by_id[sc.activity].duration
        due = step - 1 + (duration if sc.at == "start" else 0)
        key = (sc.activity, due)
        found[key] = found.get(key, 0) + sc.cost_at(t) - sc.cost_at(step - 1)
    return sorted(
        ((a, d, s) for (a, d), s in found.items() if s > 0), key=lambda x: (-x[2], x[0], x[1])
    )


def step_moves(
    problem: Problem,
    units: list[Unit],
    key: Key,
    starts: dict[str, int],
    activity: str,
    due: int,
    saving: int,
) -> list[Key]:
    """Candidates that may bring ``activity`` in by ``due`` (saving ``saving``), from ``key``:
    the due date alone (with either kind of ties); its site merged into the group before it
    (ties by urgency, so the due date orders the two sites' work), or moved just ahead of it;
    and the reverse, a cheaper site sharing a team moved just after it, so that it closes
    past its own step and lets this one meet its step."""
    order, smith, dues = key
    merged = dict(dues)
    merged[activity] = min(merged.get(activity, due), due)
    new_dues = tuple(sorted(merged.items()))
    moves: list[Key] = [(order, smith, new_dues), (order, not smith, new_dues)]
    site = next((u for u in units if u.close == activity), None)
    site = site or next((u for u in units if activity in u.activities), None)
    if site is None:
        return moves
    p = next((n for n, g in enumerate(order) if site.close in g), None)
    if p is None:
        return moves
    groups = [list(g) for g in order]
    # every other site held to the month it closes in now, this one brought in: with ties by
    # urgency the greedy then packs the teams' work by these due dates (one group: all sites
    # at one rank, the due dates alone order them)
    held = dict(merged)
    for u in units:
        if u.close != activity and u.close in starts:
            hold = _hold(problem, u.close, starts[u.close])
            if hold is not None:
                held[u.close] = min(held.get(u.close, hold), hold)
    held_dues = tuple(sorted(held.items()))
    moves.append((order, False, held_dues))
    everyone = tuple(sorted(c for g in order for c in g))
    moves.append(((everyone,), False, held_dues))
    if p > 0:
        merge = [g[:] for g in groups]
        merge[p - 1].append(site.close)
        merge[p].remove(site.close)
        moves.append((_tidy(merge), False, held_dues))
        merge = [g[:] for g in groups]
        merge[p - 1].append(site.close)
        merge[p].remove(site.close)
        moves.append((_tidy(merge), False, new_dues))
        ahead = [[c for c in g if c != site.close] for g in groups]
        ahead.insert(p - 1, [site.close])
        moves.append((_tidy(ahead), smith, new_dues))
    for other in _cheaper_rivals(problem, units, site, starts, saving):
        q = next(n for n, g in enumerate(order) if other in g)
        if q > p or (q == p and len(groups[p]) == 1):
            continue
        later = [[c for c in g if c != other] for g in groups]
        at = next(n for n, g in enumerate(later) if site.close in g)
        later.insert(at + 1, [other])
        moves.append((_tidy(later), smith, new_dues))
    return list(dict.fromkeys(moves))


def _hold(problem: Problem, close: str, start: int) -> int | None:
    """The due date that keeps ``close`` (starting on ``start``) before the next rise of its
    step costs, or None if none rises later."""
    days = []
    for sc in problem.step_costs:
        if sc.activity != close:
            continue
        t = problem.time_of(close, sc.at, start)
        nxt = next((d for d, _ in sc.steps if d > t and sc.cost_at(d) > sc.cost_at(t)), None)
        if nxt is not None:
            shift = problem.by_id[close].duration if sc.at == "start" else 0
            days.append(nxt - 1 + shift)
    return min(days) if days else None


def _tidy(groups: list[list[str]]) -> Order:
    return tuple(tuple(sorted(g)) for g in groups if g)


def _cheaper_rivals(
    problem: Problem, units: list[Unit], site: Unit, starts: dict[str, int], saving: int
) -> list[str]:
    """Sites sharing a resource with ``site`` and closing no later, whose close would cost
    less than ``saving`` more if it slipped past its own next step; nearest closure first, at
    most ``RIVALS``."""
    uses: dict[str, set[str]] = {}
    for d in problem.demands:
        uses.setdefault(d.activity, set()).add(d.resource)
    needs = {u.close: set().union(*(uses.get(a, set()) for a in u.activities)) for u in units}
    costs: dict[str, list[StepCost]] = {}
    for sc in problem.step_costs:
        costs.setdefault(sc.activity, []).append(sc)
    mine = starts.get(site.close, 0)
    found: list[tuple[int, str]] = []
    for u in units:
        if u.close == site.close or u.close not in starts or starts[u.close] > mine:
            continue
        if not needs[u.close] & needs[site.close]:
            continue
        rise = 0
        for sc in costs.get(u.close, []):
            t = problem.time_of(u.close, sc.at, starts[u.close])
            nxt = next((d for d, _ in sc.steps if d > t and sc.cost_at(d) > sc.cost_at(t)), None)
            if nxt is not None:
                rise += sc.cost_at(nxt) - sc.cost_at(t)
        if rise < saving:
            found.append((mine - starts[u.close], u.close))
    return [c for _, c in sorted(found)[:RIVALS]]


def _score(found: Attempt) -> tuple[int, int] | None:
    if found[4] or found[2] is None:
        return None
    return found[2], found[3] or 0


def _initial_orders(
    units: list[Unit], rates: dict[str, float], incumbent: Solution | None
) -> list[Order]:
    """The closures' cost-rate order, and the close-day orders of the greedy's schedules."""
    closes = [u.close for u in units]
    orders: list[Order] = [tuple((c,) for c in sorted(closes, key=lambda c: (-rates[c], c)))]
    if incumbent is not None and set(incumbent.starts) >= set(closes):
        orders.append(_by_day(closes, incumbent.starts))
    orders.append((tuple(closes),))
    return list(dict.fromkeys(orders))


def _by_day(closes: list[str], starts: dict[str, int]) -> Order:
    """Sites closing on the same day share a group."""
    days: dict[int, list[str]] = {}
    for c in closes:
        days.setdefault(starts[c], []).append(c)
    return tuple(tuple(sorted(days[d])) for d in sorted(days))


def _neighbour(order: Order, rng: random.Random) -> Order:
    """One move on the groups: swap two neighbours, move one site (to its own group or into
    another), move a block of groups, merge two neighbours, or split one."""
    groups = [list(g) for g in order]
    n = len(groups)
    kind = rng.randrange(5)
    if kind == 0 and n >= 2:
        i = rng.randrange(n - 1)
        groups[i], groups[i + 1] = groups[i + 1], groups[i]
    elif kind == 1:
        sites = [c for g in groups for c in g]
        site = sites[rng.randrange(len(sites))]
        groups = [[c for c in g if c != site] for g in groups]
        groups = [g for g in groups if g]
        j = rng.randrange(len(groups) + 1)
        if rng.randrange(2) and j < len(groups):
            groups[j].append(site)
        else:
            groups.insert(j, [site])
    elif kind == 2 and n >= 3:
        length = rng.randint(2, max(2, n // 2))
        i = rng.randrange(n - length + 1)
        block, rest = groups[i : i + length], groups[:i] + groups[i + length :]
        j = rng.randrange(len(rest) + 1)
        groups = rest[:j] + block + rest[j:]
    elif kind == 3 and n >= 2:
        i = rng.randrange(n - 1)
        groups[i : i + 2] = [groups[i] + groups[i + 1]]
    else:
        big = [i for i, g in enumerate(groups) if len(g) >= 2]
        if not big:
            return _neighbour(order, rng)
        i = big[rng.randrange(len(big))]
        members = sorted(groups[i])
        rng.shuffle(members)
        cut = rng.randint(1, len(members) - 1)
        groups[i : i + 1] = [members[:cut], members[cut:]]
    return tuple(tuple(sorted(g)) for g in groups)


def _is_close(activity: str) -> bool:
    ref = parse_step_id(activity)
    return ref is not None and ref.kind is StepKind.close


def improve(
    problem: Problem,
    incumbent: Solution,
    budget: float,
    *,
    polish_budget: float,
    seed: int = 0,
    workers: int = 2,
    wall: bool = False,
    guide: dict[str, int] | None = None,
) -> tuple[Solution, int, int]:
    """The closure search, then CP-SAT polishing of pairs of sites: (best schedule, greedy
    runs made, polishes that paid off).

    ``budget`` sizes the search (``evaluations_for``; wall-clock seconds with ``wall``);
    ``polish_budget`` is shared by the polishes, at most ``POLISH_LIMIT`` each: the pairs of
    sites that close one after the other, latest first (the dearest delays are at the end of a
    team's queue). Never dearer than ``incumbent``. Above ``POLISH_MAX_ACTIVITIES`` there is
    no polish and ``polish_budget`` is added to the search's. ``guide``: as for
    ``search_closures``.
    """
    polishing = len(problem.activities) <= POLISH_MAX_ACTIVITIES
    search = budget if polishing else budget + polish_budget
    found = search_closures(problem, search, seed=seed, incumbent=incumbent, wall=wall, guide=guide)
    best = found.solution or incumbent
    units = closure_units(problem)
    pairs = _pairs(problem, units, best.starts) if polishing else []
    left, gains = polish_budget, 0
    for pair in pairs:
        if left < MIN_POLISH:
            break
        limit = min(POLISH_LIMIT, left)
        began = time.perf_counter()
        polished, used = polish(
            problem,
            best,
            neighbourhood(problem, units, set(pair)),
            limit=limit,
            seed=seed,
            workers=workers,
            wall=wall,
        )
        left -= time.perf_counter() - began if wall else max(used, limit)
        if polished is not None:
            best, gains = polished, gains + 1
    return best, found.evaluations, gains


def _pairs(problem: Problem, units: list[Unit], starts: dict[str, int]) -> list[tuple[str, str]]:
    """Each site with the site closing next before it that shares a team (or any resource)
    with it, the latest closure first: the two compete for the same people's time."""
    uses: dict[str, set[str]] = {}
    for d in problem.demands:
        uses.setdefault(d.activity, set()).add(d.resource)
    needs = {u.close: set().union(*(uses.get(a, set()) for a in u.activities)) for u in units}
    closes = sorted(needs, key=lambda c: (-starts.get(c, 0), c))
    pairs: list[tuple[str, str]] = []
    for k, late in enumerate(closes):
        earlier = next((c for c in closes[k + 1 :] if needs[c] & needs[late]), None)
        if earlier is not None:
            pairs.append((late, earlier))
    return pairs


def polish(
    problem: Problem,
    solution: Solution,
    free: set[str],
    *,
    limit: float,
    seed: int = 0,
    workers: int = 2,
    wall: bool = False,
) -> tuple[Solution | None, float]:
    """CP-SAT over the ``free`` activities, every other start and choice pinned at
    ``solution``'s, for ``limit`` deterministic seconds (wall-clock with ``wall``).

    Returns (a strictly cheaper schedule that ``check`` passes, or None; deterministic
    seconds used).
    """
    if solution.objective is None:
        return None, 0.0
    began = time.perf_counter()
    pinned = _pinned(problem, solution, free)
    b = Builder(pinned, latest=latest_starts(pinned, solution.objective))
    money = cp_model.LinearExpr.sum(b.money)
    b.m.add(money <= solution.objective)
    b.m.minimize(money)
    b.hint(solution.starts, solution.choices)
    solver, status, _ = run(
        b.m, workers=workers, seed=seed, limit=limit, size=len(problem.activities), wall=wall
    )
    used = float(solver.deterministic_time)
    if status not in ("OPTIMAL", "FEASIBLE"):
        return None, used
    starts, choices = b.read(solver)
    if check(problem, starts, choices):
        return None, used
    money_value, people = evaluate(problem, starts, choices)
    if money_value >= solution.objective:
        return None, used
    return Solution(
        "FEASIBLE",
        starts,
        choices,
        money_value,
        people,
        None,
        None,
        time.perf_counter() - began,
        "search",
    ), used


def _pinned(problem: Problem, solution: Solution, free: set[str]) -> Problem:
    """``problem`` with every activity outside ``free`` allowed only its start in ``solution``
    and only its chosen option; no bundles, so no symmetry order ties a free person to a
    pinned one."""
    activities = tuple(
        a if a.id in free else replace(a, allowed_starts=(solution.starts[a.id],))
        for a in problem.activities
    )
    choices = tuple(
        c if c.activity in free else replace(c, options=(c.option(solution.choices[c.activity]),))
        for c in problem.choices
    )
    return replace(problem, activities=activities, choices=choices, bundles=(), targets={})


def neighbourhood(problem: Problem, units: list[Unit], closes: set[str]) -> set[str]:
    """The activities of the ``closes``' units and everything that waits on them."""
    succs: dict[str, list[str]] = {a.id: [] for a in problem.activities}
    for before, after in problem.edges():
        succs[before].append(after)
    shared = Counter(a for u in units for a in u.activities)
    # work every closure waits on (a cabinet decision, a refit) is no one site's
    seeds = [a for u in units if u.close in closes for a in sorted(u.activities) if shared[a] == 1]
    return reachable(seeds, succs)
