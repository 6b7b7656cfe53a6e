"""The package's layers: imports point one way, and no module reaches into another's private names.

raw file → parsing → measures → plotting → figures → cli (see the README's architecture section).
Every import statement of the package is read with ``ast`` (module-level and inside functions).
"""

import ast
from pathlib import Path

import pytest

from analysis import paths

PACKAGE = paths.ROOT / "analysis"

#: Rank of each part of the package: a module may import only from a rank at or below its own.
LAYERS = {
    "analysis.paths": 0,
    "analysis.buildcache": 0,
    "analysis.exceptions": 0,
    "analysis._validation": 1,
    "analysis.processes": 1,
    "analysis.parsing": 2,
    "analysis.measures": 3,
    "analysis.plotting": 4,
    "analysis.figures": 5,
    "analysis.cli": 6,
    "analysis.__main__": 7,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(paths.ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int | None:
    for prefix, rank in sorted(LAYERS.items(), key=lambda item: -len(item[0])):
        if module == prefix or module.startswith(prefix + "."):
            return rank
    return None


def _imports(path: Path):
    """``(imported module, imported names, line)`` of every import in ``path``, relative ones resolved."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names = [alias.name for alias in node.names]
            # "from . import plots" imports a module: count it as importing that module.
            submodules = [
                f"{target}.{name}"
                for name in names
                if (PACKAGE.parent / (f"{target}.{name}".replace(".", "/") + ".py")).exists()
                or (PACKAGE.parent / f"{target}.{name}".replace(".", "/")).is_dir()
            ]
            if submodules:
                for submodule in submodules:
                    yield submodule, [], node.lineno
            else:
                yield target, names, node.lineno


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_imports_point_down_the_layers(path):
    module = _module_name(path)
    if module == "analysis":
        return  # the public API gathers every layer (plotting lazily)
    own = _layer(module)
    assert own is not None, f"{module} belongs to no layer; add it to LAYERS"
    upward = [
        f"line {line}: {target}"
        for target, _, line in _imports(path)
        if target.startswith("analysis") and target != "analysis" and (_layer(target) or 0) > own
    ]
    assert not upward, f"{module} imports from a higher layer: {upward}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_no_private_names_across_modules(path):
    module = _module_name(path)
    private = [
        f"line {line}: {target}.{name}"
        for target, names, line in _imports(path)
        if target.startswith("analysis") and target != module
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]
    private += [
        f"line {line}: {target}"
        for target, _, line in _imports(path)
        if target.startswith("analysis.")
        and any(part.startswith("_") and not part.startswith("__") for part in target.split(".")[1:])
        and target != "analysis._validation"
    ]
    assert not private, f"{module} uses private names of other modules: {private}"


def test_no_import_cycles():
    graph: dict[str, set[str]] = {}
    for path in MODULES:
        module = _module_name(path)
        if module == "analysis":
            continue
        graph[module] = {
            target
            for target, _, _ in _imports(path)
            if target.startswith("analysis.") and target in {_module_name(p) for p in MODULES}
        }
    state: dict[str, int] = {}

    def visit(node, trail):
        if state.get(node) == 1:
            cycle = [*trail[trail.index(node) :], node]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if state.get(node) == 2:
            return
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, [*trail, node])
        state[node] = 2

    for node in sorted(graph):
        visit(node, [])


def test_the_checks_catch_an_upward_and_a_private_import(tmp_path, monkeypatch):
    """The two checks above fail on a module that breaks the rules (so they can fail at all)."""
    fake = PACKAGE / "parsing" / "_architecture_probe.py"
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: "from ..figures import _check_event\n")
    found = list(_imports(fake))
    assert found == [("analysis.figures", ["_check_event"], 1)]
    assert _layer("analysis.figures") > _layer(_module_name(fake))
