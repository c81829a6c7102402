"""The house rules, read from the source with `ast` (no imports run):

- tools stand alone: no module under `tools/` imports `agent` or `ui` (the agent uses the tools,
  never the other way; the CLI layer passes in what a tool needs, such as a chat model);
- the command line has no import circle: `muse/cli.py` registers the area commands, which take their
  shared helpers from `muse/cli_common.py`, so no chain of imports leads from a CLI module back to itself.

Every import counts, including those inside functions and under `TYPE_CHECKING`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("agent", "evals", "muse", "prompts", "stores", "tools", "ui")


def module_files() -> dict[str, Path]:
    """Project module name -> file (packages by their `__init__.py`)."""
    files: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            parts = path.relative_to(REPO).with_suffix("").parts
            files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return files


def imported(path: Path, name: str, known: set[str]) -> Iterator[tuple[str, int]]:
    """(project module, line) for every import in the file; `from a import b` counts `a.b` when it is a module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known and target.split(".")[0] in PACKAGES:
                target = target.rpartition(".")[0]  # `import tools.retriever.x as y` -> the module that exists
            if target in known:
                yield target, node.lineno


def import_graph() -> dict[str, dict[str, int]]:
    files = module_files()
    known = set(files)
    return {name: dict(imported(path, name, known)) for name, path in files.items()}


def is_cli(module: str) -> bool:
    last = module.rpartition(".")[2]
    return last == "cli" or last.endswith("_cli") or last.startswith("cli_")


def cycles_through(graph: dict[str, dict[str, int]], nodes: set[str]) -> list[list[str]]:
    """Strongly connected components (Tarjan) with more than one module that contain one of `nodes`."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 and nodes & set(component):
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_tools_never_import_the_agent_or_the_interfaces() -> None:
    graph = import_graph()
    files = module_files()
    offending = [f"{files[m].relative_to(REPO)}:{line} imports {target}"
                 for m, targets in graph.items() if m.split(".")[0] == "tools"
                 for target, line in targets.items() if target.split(".")[0] in ("agent", "ui")]
    assert not offending, "tools/ must stand alone:\n" + "\n".join(offending)


def test_no_import_circle_among_the_cli_modules() -> None:
    graph = import_graph()
    cli = {m for m in graph if is_cli(m)}
    assert {"muse.cli", "muse.cli_common", "ui.cli", "tools.retriever.cli"} <= cli
    circles = cycles_through(graph, cli)
    edges = [f"{a} -> {b} (line {graph[a][b]})" for circle in circles for a in circle for b in graph[a] if b in circle]
    assert not circles, "import circle through the CLI modules:\n" + "\n".join(edges)


def test_the_checks_see_a_circle_and_a_forbidden_import() -> None:
    """The detectors themselves: a planted circle and the old tools -> agent import are caught."""
    graph = {"muse.cli": {"ui.cli": 1}, "ui.cli": {"muse.cli": 7}, "agent.x": {}}
    assert cycles_through(graph, {"muse.cli"}) == [["muse.cli", "ui.cli"]]
    assert cycles_through({"a.cli": {"b": 1}, "b": {}}, {"a.cli"}) == []
    source = "def f():\n    from agent.llm import build_chat_model\n"
    path = REPO / "tests" / "_planted_tools_module.py"
    try:
        path.write_text(source)
        assert list(imported(path, "tools.planted", {"agent.llm", "agent"})) == [("agent.llm", 2)]
    finally:
        path.unlink()
