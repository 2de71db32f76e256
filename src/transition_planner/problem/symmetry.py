"""Interchangeable bundles: units of work (a person's review, move and post-move review) that
could trade places in any schedule without changing its feasibility or its cost.

The caller proposes bundles (``Problem.bundles``, activity ids role by role); this module
decides which of them are interchangeable by comparing, role by role, everything a constraint or
a cost says about each activity. An id outside the bundle is kept as it is and an id inside is
replaced by its role, so two bundles match only if they have the same outside partners and
neither refers to the other. Swapping two matching bundles then maps every constraint and cost
onto itself, so any schedule can be rearranged, without changing its cost, until each class's
leaders (the first activity of each bundle) start in bundle order: solvers may add that order.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import cached_property
from itertools import pairwise

from transition_planner.problem.model import Demand, LinearCost, PlaceUse, Problem, StepCost

Bundle = tuple[str, ...]


class Symmetry:
    """The classes of interchangeable bundles in a problem, each in the order given."""

    def __init__(self, problem: Problem) -> None:
        self.p = problem
        by_signature: dict[Hashable, list[Bundle]] = {}
        for bundle in problem.bundles:
            signature = self._signature(bundle)
            if signature is not None:
                by_signature.setdefault(signature, []).append(bundle)
        self.classes: list[list[Bundle]] = [c for c in by_signature.values() if len(c) > 1]

    def leader_pairs(self) -> list[tuple[str, str]]:
        """``(a, b)``: activity ``a`` may be assumed to start no later than ``b``."""
        return [
            (first[0], second[0]) for members in self.classes for first, second in pairwise(members)
        ]

    def canonical(
        self, starts: dict[str, int], choices: dict[str, str]
    ) -> tuple[dict[str, int], dict[str, str]]:
        """The same schedule with each class's bundles traded so that leaders start in order."""
        starts, choices = dict(starts), dict(choices)
        for members in self.classes:
            if any(a not in starts for bundle in members for a in bundle):
                continue
            ranked = sorted(members, key=lambda b: starts[b[0]])
            before = [([starts[a] for a in b], [choices.get(a) for a in b]) for b in ranked]
            for bundle, (days, keys) in zip(members, before, strict=True):
                for a, day, key in zip(bundle, days, keys, strict=True):
                    starts[a] = day
                    if key is not None:
                        choices[a] = key
        return starts, choices

    # -- signatures ----------------------------------------------------------------------------

    @cached_property
    def _touching(self) -> dict[str, list[object]]:
        """For each activity, every constraint and cost record that names it."""
        found: dict[str, list[object]] = {}

        def note(activity: str, record: object) -> None:
            found.setdefault(activity, []).append(record)

        p = self.p
        for pr in p.precedences:
            note(pr.before, pr)
            if pr.after != pr.before:
                note(pr.after, pr)
        owned: list[Demand | PlaceUse | StepCost | LinearCost] = [
            *p.demands,
            *p.place_uses,
            *p.step_costs,
            *p.linear_costs,
        ]
        for record in owned:
            note(record.activity, record)
        for c in p.choices:
            note(c.activity, c)
            for o in c.options:
                for b in o.after:
                    note(b, c)
        for s in p.same_choices:
            for a in s.activities:
                note(a, s)
        return found

    def _signature(self, bundle: Bundle) -> Hashable | None:
        role = {a: n for n, a in enumerate(bundle)}
        if len(role) != len(bundle) or any(a not in self.p.by_id for a in bundle):
            return None

        def named(ref: str) -> object:
            return ("@", role[ref]) if ref in role else ref

        roles = []
        for a in bundle:
            act = self.p.by_id[a]
            records = []
            for record in self._touching.get(a, []):
                fields = []
                for key, value in sorted(vars(record).items()):
                    if key in {"activity", "before", "after"} and isinstance(value, str):
                        value = named(value)
                    elif key == "activities":
                        return None  # a same-choice set ties it to other people
                    elif key == "options":
                        value = tuple(
                            (
                                *sorted((k, v) for k, v in vars(o).items() if k != "after"),
                                tuple(named(b) for b in o.after),
                            )
                            for o in value
                        )
                    fields.append((key, value))
                records.append((type(record).__name__, tuple(fields)))
            records.sort(key=repr)
            roles.append(
                (
                    act.duration,
                    act.release,
                    act.deadline,
                    act.allowed_starts,
                    act.release_group,
                    act.deadline_group,
                    act.starts_group,
                    act.duration_steps,
                    act.tight,
                    tuple(records),
                )
            )
        return tuple(roles)
