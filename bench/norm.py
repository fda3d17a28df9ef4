"""Access to the engine's normalization, with a stand-in while it is missing.

The benchmark evaluates everything in the coordinates of the source as
normalized with the default rules, so it needs ``app.text.normalize``.  While that
module is still being written, :func:`fallback_normalize` approximates the
default rules (width folding, whitespace removal, Traditional to Simplified)
closely enough to develop the generator and the evaluation against.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from app.text.offsets import OffsetMap


class SpanMap(Protocol):
    def span(self, n_start: int, n_end: int) -> tuple[int, int]: ...

    def to_normalized(self, o: int) -> int: ...


class NormalizedLike(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def map(self) -> Any: ...


Normalizer = Callable[[str], NormalizedLike]


@dataclass(frozen=True)
class FallbackNormalized:
    text: str
    map: OffsetMap


@cache
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def fold_width(ch: str) -> str:
    """Full-width ASCII forms (U+FF01-FF5E) to ASCII, the ideographic space to a space."""
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E:
        return chr(o - 0xFEE0)
    if o == 0x3000:
        return " "
    return ch


def fallback_normalize(text: str) -> FallbackNormalized:
    """Default rules, approximately: script (t2s), width, whitespace removed."""
    converted = _t2s().convert(text)
    if len(converted) != len(text):  # phrase conversions that change length: keep as is
        converted = text
    out: list[str] = []
    deletions: list[tuple[int, int, str]] = []
    for i, ch in enumerate(converted):
        if ch.isspace():
            if deletions and deletions[-1][1] == i:
                deletions[-1] = (deletions[-1][0], i + 1, "")
            else:
                deletions.append((i, i + 1, ""))
            continue
        out.append(fold_width(ch))
    return FallbackNormalized("".join(out), OffsetMap.from_replacements(len(text), deletions))


def engine_normalizer() -> Normalizer | None:
    """``app.text.normalize`` with the default rules, or None while it cannot be imported."""
    try:
        from app.text.normalize import ALL_RULES, normalize
    except Exception:
        return None

    def run(text: str) -> NormalizedLike:
        result: NormalizedLike = normalize(text, ALL_RULES)
        return result

    return run


def get_normalizer() -> tuple[Normalizer, bool]:
    """The normalizer to use and whether it is the engine's own (else the stand-in)."""
    engine = engine_normalizer()
    if engine is not None:
        return engine, True
    return fallback_normalize, False
