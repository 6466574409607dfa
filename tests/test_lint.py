"""The project's Python passes ruff (config in pyproject.toml), same locally and in CI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "hooks", "scripts", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_no_hook_file_is_imported_by_another_hook_module() -> None:
    """MkDocs loads each file in ``hooks:`` as a module of its own; a hook file that other
    modules import by name would run twice, with two copies of its state (the glossary's
    state once was). Shared code and state live in helper modules instead."""
    import ast

    import yaml

    class AnyTag(yaml.SafeLoader):
        pass

    AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=AnyTag)
    hook_names = {Path(path).stem for path in config["hooks"]}
    offenders = []
    for module in sorted((ROOT / "hooks").glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        type_only = {  # `if TYPE_CHECKING:` imports never run
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
            for inner in ast.walk(node)
        }
        for node in ast.walk(tree):
            if id(node) in type_only:
                continue
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            offenders += [f"{module.name} imports {n}" for n in names if n in hook_names]
    assert offenders == []
