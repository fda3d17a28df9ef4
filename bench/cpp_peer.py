"""The strongest peer a user could assemble from maintained libraries, as a whole command.

Google's diff-match-patch in C++ (PyPI ``fast-diff-match-patch``) on both texts
after folding width (Unicode NFKC), whitespace (removed) and Traditional
characters (OpenCC's own C++ converter, ``t2s``): every step in C or C++.
``bench_collate`` times it as a process beside ``jiaokan collate --json``,
run by run alternately, and prints the ratios (issue 24).

    python -m bench.cpp_peer SOURCE VARIANT [--spans]

prints one JSON document: the differences found (merged runs of inserted and
deleted text) and, with ``--spans``, each as ``[start, end, reading]`` in the
source as read, for scoring.

OpenCC's C++ binding installs as the module ``opencc``, the name the engine's
``opencc-python-reimplemented`` (whose dictionary files the script rule reads)
has too: it is kept in a folder of its own, ``build/opencc-cpp`` (``make
bench-peer``), put first on the path of this process only.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OPENCC_CPP = ROOT / "build" / "opencc-cpp"
"""Where ``make bench-peer`` puts OpenCC's C++ binding (``pip install --target``)."""


def available() -> str:
    """Empty when the peer can run, else why not (one line)."""
    if not (OPENCC_CPP / "opencc" / "clib").is_dir():
        return f"OpenCC's C++ binding is not in {OPENCC_CPP} (make bench-peer)"
    try:
        import fast_diff_match_patch  # noqa: F401
    except ImportError:
        return "fast-diff-match-patch is not installed (pip install -e '.[bench]')"
    return ""


def command(source: Path, variant: Path, *, spans: bool = False) -> list[str]:
    return [sys.executable, "-m", "bench.cpp_peer", str(source), str(variant)] + (
        ["--spans"] if spans else []
    )


def _converter() -> Any:
    sys.path.insert(0, str(OPENCC_CPP))
    import opencc

    if not hasattr(opencc, "clib"):
        raise SystemExit(f"{opencc.__file__} is not OpenCC's C++ binding")
    return opencc.OpenCC("t2s")


def fold(text: str, t2s: Any) -> str:
    """Width (NFKC), whitespace (removed), script (OpenCC t2s): C and C++ throughout."""
    return str(t2s.convert("".join(unicodedata.normalize("NFKC", text).split())))


def places(text: str, folded: str) -> list[int] | None:
    """Where each character of ``folded`` comes from in ``text``, or None where the folding
    does not go character by character (a phrase of another length; not scored then)."""
    out: list[int] = []
    for i, ch in enumerate(text):
        piece = unicodedata.normalize("NFKC", ch)
        if piece.isspace():
            continue
        for c in piece:
            if not c.isspace():
                out.append(i)
    return out if len(out) == len(folded) else None


def regions(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """diff-match-patch's differences as ``(a0, a1, b0, b1)``, adjacent edits merged."""
    import fast_diff_match_patch

    out: list[tuple[int, int, int, int]] = []
    i = j = 0
    current: list[int] | None = None
    for op, n in fast_diff_match_patch.diff(a, b, counts_only=True):
        if op == "=":
            if current is not None:
                out.append((current[0], i, current[1], j))
                current = None
            i, j = i + n, j + n
            continue
        if current is None:
            current = [i, j]
        if op == "-":
            i += n
        else:
            j += n
    if current is not None:
        out.append((current[0], i, current[1], j))
    return out


def main(argv: list[str]) -> int:
    spans = "--spans" in argv
    source_path, variant_path = (a for a in argv if a != "--spans")
    source = Path(source_path).read_text(encoding="utf-8")
    variant = Path(variant_path).read_text(encoding="utf-8")
    t2s = _converter()
    a, b = fold(source, t2s), fold(variant, t2s)
    found = regions(a, b)
    doc: dict[str, Any] = {"divergences": len(found)}
    if spans:
        pa, pb = places(source, a), places(variant, b)
        if pa is None or pb is None:
            doc["spans"] = None
        else:
            doc["spans"] = [_span(r, pa, pb, source, variant) for r in found]
    json.dump(doc, sys.stdout, ensure_ascii=False)
    return 0


def _span(
    r: tuple[int, int, int, int], pa: list[int], pb: list[int], source: str, variant: str
) -> tuple[int, int, str]:
    a0, a1, b0, b1 = r
    start = pa[a0] if a0 < len(pa) else len(source)
    end = pa[a1 - 1] + 1 if a1 > a0 else start
    reading = variant[pb[b0] : pb[b1 - 1] + 1] if b1 > b0 else ""
    return start, end, reading


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
