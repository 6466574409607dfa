"""Helpers the scripts (and tests) share: reading mkdocs.yml, copying the project, a quiet server."""

from __future__ import annotations

import http.server
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

PROJECT_IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "site", ".cache", "node_modules", "__pycache__", ".pytest_cache"
)
"""What a scratch copy of the project leaves out: the virtualenv, Git, built and cached files."""


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML that reads MkDocs' tags (``!ENV [SITE_URL, default]``, ``!!python/name:...``)
    as the plain value written after them, without running anything."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return loader.construct_scalar(node)


_ConfigLoader.add_multi_constructor("!", _untagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _untagged)


def load_mkdocs_yml(project: Path = ROOT) -> dict[str, Any]:
    """``project/mkdocs.yml`` as data (tags left as their plain values)."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_ConfigLoader) or {}


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """A scratch copy of the project at ``dest`` (see :data:`PROJECT_IGNORE`)."""
    shutil.copytree(root, dest, ignore=PROJECT_IGNORE)
    return dest


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Python's static file handler without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass
