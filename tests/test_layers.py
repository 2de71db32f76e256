"""The package's layers run one way, and no module imports itself through others.

plan -> rules -> workforce -> problem -> solver -> schedule -> exports -> reports -> generate
-> pipeline -> cli (README.md, "Layout"). A module may import its own layer and the layers below
it, never one above; and no chain of imports between modules closes on itself. Imports inside
functions count too: a cycle dodged by a late import is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "transition_planner"
ROOT = "transition_planner"

# Lowest first. The base modules (errors, suggest, the package itself) sit under everything.
LAYERS = [
    {"errors", "suggest", ""},
    {"plan"},
    {"rules"},
    {"workforce"},
    {"problem"},
    {"solver"},
    {"schedule"},
    {"exports"},
    {"reports"},
    {"generate"},
    {"pipeline"},
    {"cli"},
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Every transition_planner module ``path`` imports, anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith(ROOT)}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(ROOT):
            found.add(node.module)
            # ``from transition_planner import pipeline`` imports the module pipeline.
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                if _exists(candidate):
                    found.add(candidate)
    return found


def _exists(module: str) -> bool:
    rel = Path(*module.split(".")[1:])
    return (PACKAGE / rel).with_suffix(".py").is_file() or (PACKAGE / rel / "__init__.py").is_file()


def graph() -> nx.DiGraph:
    g: nx.DiGraph = nx.DiGraph()
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        g.add_node(name)
        for target in imports(path):
            if target != name:
                g.add_edge(name, target)
    return g


def layer_of(module: str) -> int:
    top = module.split(".")[1] if "." in module else ""
    for n, layer in enumerate(LAYERS):
        if top in layer:
            return n
    raise AssertionError(f"{module} is in no layer: add its subpackage to LAYERS and README.md")


def test_every_subpackage_has_a_layer() -> None:
    for module in graph().nodes:
        layer_of(module)


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = [f"{a} -> {b}" for a, b in graph().edges if layer_of(b) > layer_of(a)]
    assert upward == []


def test_no_import_cycle_between_modules() -> None:
    g = graph()
    # A package's __init__ re-exporting its own modules is not a cycle of design.
    g.remove_edges_from(
        [(a, b) for a, b in list(g.edges) if b.startswith(a + ".") or a.startswith(b + ".")]
    )
    cycles = [" -> ".join(c) for c in nx.simple_cycles(g)]
    assert cycles[:5] == []


def test_the_checks_catch_what_they_are_for(tmp_path: Path) -> None:
    """The helpers see an upward import inside a function, as a cycle dodged that way would be."""
    source = tmp_path / "m.py"
    source.write_text(
        "def f():\n    from transition_planner.cli import main\n    return main\n",
        encoding="utf-8",
    )
    assert imports(source) == {"transition_planner.cli"}
    assert layer_of("transition_planner.cli") > layer_of("transition_planner.plan.models")


def test_the_readme_picture_is_these_layers() -> None:
    readme = (PACKAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout") :]
    block = layout[layout.index("```\n") + 4 : layout.index("\n```", layout.index("```\n") + 4)]
    drawn = [line.split()[0].rstrip("/").removesuffix(".py") for line in block.splitlines()]
    # The picture runs top (cli) to bottom (errors); LAYERS runs bottom to top.
    expected = [next(iter(layer - {""})) if len(layer) == 1 else "errors" for layer in LAYERS]
    assert drawn == list(reversed(expected))
