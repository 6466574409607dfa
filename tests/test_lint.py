"""The project's Python passes ruff and mypy (config in pyproject.toml), and hooks/ keeps its shape:
one hook file with every event, feature modules without events, no import cycle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_finds_nothing() -> None:
    proc = run("ruff", "check", "hooks", "scripts", "tests")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_finds_nothing_in_hooks() -> None:
    proc = run("mypy")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def modules() -> dict[str, ast.Module]:
    return {p.stem: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(HOOKS.glob("*.py"))}


def test_only_the_hook_file_has_events_and_only_it_is_listed() -> None:
    from _common import load_mkdocs_yml  # scripts/, on the path from conftest.py

    config = load_mkdocs_yml(ROOT)
    assert config["hooks"] == ["hooks/handbook.py"]
    events = {
        name: [f.name for f in tree.body if isinstance(f, ast.FunctionDef) and f.name.startswith("on_")]
        for name, tree in modules().items()
    }
    assert [name for name, found in events.items() if found] == ["handbook"]


MUTABLE = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)


def test_feature_modules_keep_no_state_between_builds() -> None:
    """No module holds a mutable value at module level (but UPPER_CASE constants and class
    settings), and only the hook file rebinds a
    module name (its current build, made new in on_config): ``mkdocs serve`` keeps modules
    loaded between rebuilds, so anything else would leak from one build into the next."""
    found = []
    for name, tree in modules().items():
        for node in tree.body:
            value = getattr(node, "value", None)
            mutable = isinstance(value, MUTABLE) or (
                isinstance(value, ast.Call)
                and getattr(value.func, "id", "") in {"dict", "list", "set", "defaultdict"}
            )
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            constant = all(
                isinstance(t, ast.Name) and t.id.isupper() or isinstance(t, ast.Attribute) for t in targets
            )
            if isinstance(node, ast.Assign | ast.AnnAssign) and mutable and not constant:
                found.append(f"{name}: line {node.lineno}")
        rebinding = [n for n in ast.walk(tree) if isinstance(n, ast.Global)]
        if rebinding and name != "handbook":
            found.append(f"{name}: global {rebinding[0].names}")
    assert found == [], found


def test_no_import_cycle_in_hooks() -> None:
    mine = set(modules())
    graph = {
        name: {
            alias.name
            for node in ast.walk(tree)
            for alias in getattr(node, "names", [])
            if isinstance(node, ast.Import) and alias.name in mine
        }
        | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module in mine}
        for name, tree in modules().items()
    }
    visiting: list[str] = []

    def visit(name: str) -> None:
        assert name not in visiting, " -> ".join([*visiting, name])
        visiting.append(name)
        for other in graph[name]:
            visit(other)
        visiting.pop()

    for name in graph:
        visit(name)
