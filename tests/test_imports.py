"""No import cycle between the modules of readiness/ (issue 15).

Every module is parsed with `ast` and each import of another readiness module is an edge, whether
it sits at the top of the file or inside a function: an import moved into a function to dodge a
cycle is still a cycle. Relative imports are resolved; `from .x import name` is an import of the
module `.x.name` when there is one, else of `.x`.

Importing `readiness.a.b` first runs the package `readiness.a` (its __init__.py), so an edge to
a module is also an edge to its packages. One kind of edge is left out: from a module to its own
packages, which Python has always started before the module itself runs (`from . import bp`, a
command importing create_app). That is safe only while a package does not import, at module
level, a module that needs it back; the second test checks exactly that.
"""
from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "readiness"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """readiness's modules by dotted name; Alembic's migration scripts are not imported by it."""
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))
            if "migrations" not in p.relative_to(PACKAGE).parts}


def _packages(name: str) -> list[str]:
    """The packages `name` lies in, outermost first: readiness.a.b -> [readiness, readiness.a]."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute name that `from <dots><node.module> import ...` in `module` refers to."""
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _module_level(tree: ast.Module) -> Iterator[ast.AST]:
    """The statements that run when the module is imported: not function bodies (class bodies
    and `if` blocks do run)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(child for child in ast.iter_child_nodes(node)
                     if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))


def imports(module: str, path: Path, known: dict[str, Path], *, module_level_only: bool = False
            ) -> set[str]:
    """The readiness modules `module` imports itself (no packages added), anywhere in its source
    or only at module level. `if TYPE_CHECKING:` blocks count too: they are imports all the same
    for a type checker."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    nodes = _module_level(tree) if module_level_only else ast.walk(tree)
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, path.name == "__init__.py", node)
            names = [f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target
                     for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:  # readiness.x.Name -> readiness.x; flask -> ""
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def import_graph(*, module_level_only: bool = False, own_packages: bool = False
                 ) -> dict[str, set[str]]:
    """module -> the readiness modules importing it runs. An imported module brings its packages;
    edges from a module to its own packages are kept only with `own_packages`."""
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        direct = imports(name, path, known, module_level_only=module_level_only)
        mine = {*_packages(name), name}
        edges = {p for target in direct for p in [*_packages(target), target] if p not in mine}
        graph[name] = edges | (direct & mine if own_packages else set())
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path [a, b, ..., a], or None (depth-first search)."""
    on_path: dict[str, int] = {}  # node -> its index in `path`
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        on_path[node] = len(path)
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if target in on_path:
                return [*path[on_path[target]:], target]
            if target not in done and (cycle := visit(target)):
                return cycle
        path.pop()
        del on_path[node]
        done.add(node)
        return None

    for node in sorted(graph):
        if node not in done and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_cycle_between_readiness_modules():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle (function-level imports count): " + " -> ".join(cycle or ())


def test_no_package_imports_at_module_level_a_module_that_needs_it():
    """What makes leaving out the edges to a module's own packages safe: when a module runs, its
    packages have finished running (no `from . import routes` after `bp = ...` in an __init__)."""
    cycle = find_cycle(import_graph(module_level_only=True, own_packages=True))
    assert cycle is None, "module-level import cycle: " + " -> ".join(cycle or ())


def test_the_graph_sees_every_kind_of_import():
    graph = import_graph()
    assert "readiness.extensions" in graph["readiness.auth.models"]  # from ..extensions import db
    assert "readiness.method.definition" in graph["readiness.method.loading"]  # from .definition
    assert "readiness.engagements.access" in graph["readiness.engagements.routes"]
    # readiness.engagements.models brings its package; from . import bp is an own package
    assert "readiness.engagements" in graph["readiness.dashboard.routes"]
    assert "readiness.engagements" not in graph["readiness.engagements.routes"]
    assert "readiness.blueprints" in graph["readiness"]  # inside create_app
    module_level = import_graph(module_level_only=True, own_packages=True)
    assert "readiness.blueprints" not in module_level["readiness"]
    assert "readiness.engagements" in module_level["readiness.engagements.routes"]


def test_function_level_imports_are_edges(tmp_path):
    (tmp_path / "readiness" / "a").mkdir(parents=True)
    for name, text in {"__init__.py": "", "a/__init__.py": "",
                       "a/x.py": "def f():\n    from . import y\n",
                       "a/y.py": "from .x import f\n"}.items():
        (tmp_path / "readiness" / name).write_text(text)
    known = {"readiness": tmp_path / "readiness/__init__.py",
             "readiness.a": tmp_path / "readiness/a/__init__.py",
             "readiness.a.x": tmp_path / "readiness/a/x.py",
             "readiness.a.y": tmp_path / "readiness/a/y.py"}
    assert imports("readiness.a.x", known["readiness.a.x"], known) == {"readiness.a.y"}
    assert imports("readiness.a.x", known["readiness.a.x"], known, module_level_only=True) == set()
    assert imports("readiness.a.y", known["readiness.a.y"], known) == {"readiness.a.x"}


def test_find_cycle_reports_the_path():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None
