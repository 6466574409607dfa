"""Problems found in the site's sources, and how they are reported.

Every hook module reports bad input the same way: one :class:`Problem` per
mistake, naming the file (relative to ``docs/``), the line when known, what is
wrong and what to do. :func:`report` logs each one as a warning through a
``mkdocs.*`` logger, so ``mkdocs build --strict`` counts it and fails once the
build ends (after every problem in the site has been listed).

This module has no ``on_*`` functions: it is imported by the hook modules, not
registered as a hook itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import NamedTuple


class Problem(NamedTuple):
    """One mistake in one source file."""

    path: str
    """File path relative to the docs directory, e.g. ``freelancer/end-hourly.md``."""
    line: int | None
    """1-based line number in that file, or ``None`` when no single line is to blame."""
    message: str
    """What is wrong and what to do about it, in one sentence or two."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def report(logger: logging.Logger | logging.LoggerAdapter, problems: Iterable[Problem]) -> int:
    """Log every problem as a warning, in file and line order; return how many there were."""
    count = 0
    for problem in sorted(problems, key=lambda p: (p.path, p.line or 0, p.message)):
        logger.warning(str(problem))
        count += 1
    return count


def hook_logger(name: str) -> logging.Logger:
    """A logger under ``mkdocs.hooks`` whose warnings ``--strict`` counts."""
    return logging.getLogger(f"mkdocs.hooks.{name}")
