"""The layers go one way (core -> operations -> bindings -> gazu compatibility) and no module-level
import makes a cycle. Read from the source with ast: imports inside functions (the lazy ones)
do not count, nor do imports only for type checkers."""

from __future__ import annotations

import ast
import pathlib

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "kitsu_sdk"

# What each layer may import from kitsu_sdk at module level.
LAYERS = {
    "core": {"core", "types"},
    "types": set(),
    "operations": {"core", "types", "operations"},
    "bindings": {"core", "types", "operations", "bindings", "clients"},
    "clients": {"core", "types", "operations", "bindings", "clients"},
}


def _module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    parts = module.split(".")[1:]
    if not parts:
        return "compat"
    head = parts[0]
    if head == "_core":
        return "core"
    if head == "types":
        return "types"
    if head == "_operations":
        return "operations"
    if head == "_bindings":
        return "bindings"
    if head in ("_client", "_client_base") or parts[:2] == ["aio", "_client"]:
        return "clients"
    return "compat"


def _imports(path: pathlib.Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text())
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in tree.body:  # module level only
        if isinstance(node, ast.If):  # `if TYPE_CHECKING:` blocks are for type checkers
            continue
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")
            base = base[: len(base) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
            if node.module:
                found.add(target)
            else:
                found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kitsu_sdk"):
            found.add(node.module or "")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("kitsu_sdk"))
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {t for t in _imports(path, name) if t in modules}
    return graph


def test_layers_import_only_downwards() -> None:
    wrong = []
    for module, targets in _graph().items():
        layer = _layer(module)
        if layer == "compat":
            continue
        for target in targets:
            if _layer(target) not in LAYERS[layer] and target != "kitsu_sdk":
                wrong.append(f"{module} ({layer}) imports {target} ({_layer(target)})")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append(" -> ".join(stack[stack.index(target) :] + [target]))
            elif target not in state:
                visit(target, stack + [target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(cycles)
