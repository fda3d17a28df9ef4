"""What the command groups print: a text's facts (``collate --json``, ``loci --json``,
``check --json``) and the cells of their tables."""

from __future__ import annotations

import json
import unicodedata
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


def display(text: str, limit: int = 24) -> str:
    """A reading as one short table cell: line breaks visible, long text cut."""
    shown = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return shown or "∅"


def width(text: str) -> int:
    """Columns on a terminal: two for a wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cell(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
