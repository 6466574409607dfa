"""Registering a hook's own Python-Markdown extension for the build.

Some hooks do their per-page work inside Markdown conversion (a
treeprocessor), where links still name ``.md`` files and MkDocs validates
what they add. They register that extension in ``on_config``; under ``mkdocs
serve`` the same config object can come back on a rebuild, so an earlier
instance must be replaced, never stacked.

No ``on_*`` functions: imported by the hook modules, not registered as a hook.
"""

from __future__ import annotations

from typing import Any, ClassVar

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class StateTreeprocessor(Treeprocessor):
    """A treeprocessor that reads and writes one hook's per-build state."""

    def __init__(self, md: Markdown, state: Any) -> None:
        super().__init__(md)
        self.state = state


class StateExtension(Extension):
    """Registers one :class:`StateTreeprocessor` subclass, sharing the hook's state.

    Subclasses set ``processor``, ``name`` and ``priority``.
    """

    processor: ClassVar[type[StateTreeprocessor]]
    name: ClassVar[str]
    priority: ClassVar[int]

    def __init__(self, state: Any) -> None:
        super().__init__()
        self.state = state

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(self.processor(md, self.state), self.name, self.priority)


def install_extension(config: Any, extension: Extension) -> None:
    """Add ``extension`` to ``config.markdown_extensions``, replacing any
    earlier instance of the same class."""
    extensions = config.markdown_extensions
    kind = type(extension).__name__
    extensions[:] = [e for e in extensions if type(e).__name__ != kind]
    extensions.append(extension)
