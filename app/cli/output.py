"""What both command groups print about a text (``collate --json`` and ``loci --json``)."""

from __future__ import annotations

from typing import Any, Protocol


class TextInfo(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def encoding(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def text(self) -> str: ...


def text_json(item: TextInfo) -> dict[str, Any]:
    return {
        "path": item.path,
        "encoding": item.encoding,
        "chars": len(item.text),
        "sha256": item.sha256,
    }
