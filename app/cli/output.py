"""What both command groups print about a text (``collate --json`` and ``loci --json``)."""

from __future__ import annotations

import json
from typing import Any, Protocol, TextIO


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


def dump_json(doc: object, out: TextIO) -> None:
    """The JSON document, exact in any console: \\u escapes where the encoding is not UTF."""
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("_", "-")
    # dumps, not dump: only the one-shot encoder is the C one (a second, not
    # milliseconds, for the twenty thousand loci of five variants of 1M characters)
    out.write(json.dumps(doc, ensure_ascii=not encoding.startswith("utf")) + "\n")
