"""Reading YAML safely while remembering where every value came from (file, line, column).

PyYAML's constructors keep the last of two equal keys and expand aliases without limit; this
module composes the node graph with the safe loader and builds plain values itself, so that it can
reject duplicate keys and alias bombs and record a location for each key path.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from transition_planner.errors import Diagnostic

MAX_PLAN_BYTES = 20 * 1024 * 1024
MAX_EXPANSION_FACTOR = 20
MIN_EXPANSION_BUDGET = 200_000

# Only plain mappings and lists: no !!set, !!omap or language-specific tags.
_PLAIN = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Location:
    file: str
    line: int | None = None
    column: int | None = None


@dataclass
class SourceMap:
    """Where each key path of the loaded data was written."""

    default_file: str
    locations: dict[PathKey, Location] = field(default_factory=dict)

    def add(self, path: PathKey, loc: Location) -> None:
        self.locations[path] = loc

    def find(self, path: PathKey) -> Location:
        """The location of ``path`` or of its nearest ancestor that has one."""
        for n in range(len(path), -1, -1):
            loc = self.locations.get(path[:n])
            if loc is not None:
                return loc
        return Location(self.default_file)


class _AliasBudget(Exception):
    pass


class _Builder:
    def __init__(self, file: str, budget: int, source: SourceMap, problems: list[Diagnostic]):
        self.file = file
        self.budget = budget
        self.source = source
        self.problems = problems
        self.constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)
        yaml.constructor.SafeConstructor.__init__(self.constructor)
        # mappings already flattened (an anchor used twice): how many merged pairs lead them
        self.merged: dict[int, int] = {}

    def loc(self, node: yaml.Node) -> Location:
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _AliasBudget
        self.source.add(path, self.loc(node))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"could not determine a constructor for the tag {node.tag!r}",
                node.start_mark,
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._key(node)

    def _key(self, node: yaml.Node) -> Any:
        """A scalar's value; its text when its tag cannot make one."""
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, TypeError, AttributeError, KeyError, OverflowError):
            # e.g. 2016-02-30 matches YAML's timestamp pattern but is no date, and an explicit
            # tag on a bad value (!!timestamp foo, !!bool maybe) fails inside PyYAML: keep the
            # text so that validation reports it against the field that expected a value.
            self.constructor.recursive_objects.pop(node, None)
            return str(node.value)

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        # Merge keys (`<<: *base`) put the merged pairs first; the mapping's own keys then
        # override them, as YAML defines. Only the mapping's own keys can be duplicates.
        if id(node) not in self.merged:
            own = sum(1 for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge")
            self.constructor.flatten_mapping(node)
            self.merged[id(node)] = len(node.value) - own
        merged = self.merged[id(node)]
        later: dict[Any, int] = {}
        for n, (k, _) in enumerate(node.value):
            key = self._key(k)
            if isinstance(key, (str, int, float, bool)) or key is None:
                later[key] = n
        result: dict[Any, Any] = {}
        first_seen: dict[Any, yaml.Node] = {}
        for n, (key_node, value_node) in enumerate(node.value):
            key = self._key(key_node)
            if n < merged and isinstance(key, (str, int, float, bool)) and later[key] > n:
                continue
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                self.problems.append(
                    _diag(self.loc(key_node), _render(path), "a key must be a plain value")
                )
                continue
            key = str(key) if not isinstance(key, str) else key
            if key in first_seen:
                first = first_seen[key]
                self.problems.append(
                    _diag(
                        self.loc(key_node),
                        _render((*path, key)),
                        f"duplicate key '{key}' (first at line {first.start_mark.line + 1}); "
                        "YAML would silently keep only the last one, so merge them",
                    )
                )
                continue
            first_seen[key] = key_node
            child = (*path, key)
            result[key] = self.build(value_node, child)
            # A key's own position is more useful than its value's for 'unknown key' messages.
            self.source.add((*child, "__key__"), self.loc(key_node))
        return result


def _count_nodes(node: yaml.Node, seen: set[int]) -> int:
    if id(node) in seen:
        return 0
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        return 1 + sum(_count_nodes(k, seen) + _count_nodes(v, seen) for k, v in node.value)
    if isinstance(node, yaml.SequenceNode):
        return 1 + sum(_count_nodes(v, seen) for v in node.value)
    return 1


def _diag(loc: Location, path: str, message: str) -> Diagnostic:
    return Diagnostic(loc.file, loc.line, loc.column, path, message)


def _render(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def read_yaml(path: Path, display: str) -> tuple[Any, SourceMap, list[Diagnostic]]:
    """Load one YAML document safely. Returns the data, its source map and any problems."""
    source = SourceMap(display)
    problems: list[Diagnostic] = []
    try:
        info = path.stat()
    except OSError as exc:
        return None, source, [Diagnostic(display, None, None, "", f"cannot read: {exc.strerror}")]
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or device would block or never end; refuse before opening it.
        msg = "cannot read: not a regular file"
        return None, source, [Diagnostic(display, None, None, "", msg)]
    size = info.st_size
    if size > MAX_PLAN_BYTES:
        limit = MAX_PLAN_BYTES // (1024 * 1024)
        msg = f"file is {size // (1024 * 1024)} MiB; plans are limited to {limit} MiB "
        msg += "(put people and staff in CSV or XLSX files beside the plan)"
        return None, source, [Diagnostic(display, None, None, "", msg)]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"not UTF-8 text (byte {exc.start}); save the file as UTF-8"
        return None, source, [Diagnostic(display, None, None, "", msg)]
    except OSError as exc:
        return None, source, [Diagnostic(display, None, None, "", f"cannot read: {exc.strerror}")]
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        return None, source, [Diagnostic(display, line, col, "", f"YAML syntax error: {problem}")]
    except yaml.YAMLError as exc:
        return None, source, [Diagnostic(display, None, None, "", f"YAML error: {exc}")]
    if len(nodes) > 1:
        second = nodes[1]
        msg = "more than one YAML document ('---'); a plan is one document"
        return None, source, [_diag(Location(display, second.start_mark.line + 1, 1), "", msg)]
    if not nodes or nodes[0] is None:
        return None, source, [Diagnostic(display, 1, 1, "", "the file is empty")]
    root = nodes[0]
    budget = max(MIN_EXPANSION_BUDGET, MAX_EXPANSION_FACTOR * _count_nodes(root, set()))
    builder = _Builder(display, budget, source, problems)
    try:
        data = builder.build(root, ())
    except _AliasBudget:
        msg = "too many values once aliases (*refs) are expanded; refusing a possible alias bomb"
        return None, source, [Diagnostic(display, None, None, "", msg)]
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        msg = f"YAML error: {exc.problem}"
        return None, source, [Diagnostic(display, line, col, "", msg)]
    return data, source, problems


# Sections whose records are known by their `id` (a lease is known by its site).
ID_SECTIONS = frozenset(
    {"sites", "teams", "people", "carers", "staff", "vacancies", "actions", "lots"}
)


def key_path(loc: PathKey, data: Any) -> str:
    """``('staff', 16, 'site')`` -> ``staff[S017].site``, naming records by id."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            label: str | int = part
            if isinstance(node, list) and 0 <= part < len(node):
                item = node[part]
                node = item
                if isinstance(item, dict):
                    # A record that should have an id but lacks one is named by its index,
                    # never by its site (people[old-centre] would read as a person's id).
                    known_by_site = not (loc and loc[0] in ID_SECTIONS)
                    ident = item.get("id", item.get("site") if known_by_site else None)
                    if isinstance(ident, (str, int)) and not isinstance(ident, bool):
                        label = str(ident)
            else:
                node = None
            out += f"[{label}]"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out
