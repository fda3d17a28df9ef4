"""``make bench``: Word documents in and out, beside the same work on plain text (issue 15).

One synthetic source of 1M characters (:mod:`bench.variant`) is written both
as a ``.txt`` and as a ``.docx`` with formatting as books have it (runs of
bold and italic in every paragraph, a heading every forty paragraphs, a table
now and then), and collated against the same noisy variant.  Each step runs
as the command a user would, in a process of its own, measured for wall
time and peak memory (:mod:`bench.measure`): collating into a project,
then (every locus accepted) exporting the corrected text, the corrected
``.docx`` and the ``.docx`` with tracked changes.  Reading alone is timed in
this process too.

    .venv/bin/python -m bench.bench_word [--size 1M] [--seed N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

import docx

from app.cli.main import main as jiaokan
from app.text.loading import load_text
from bench.measure import measured
from bench.norm import get_normalizer
from bench.synth import parse_size, size_label
from bench.variant import make_case

ROOT = Path(__file__).resolve().parent.parent
WITNESS = "variant"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def write_word(paragraphs: list[str], path: Path) -> None:
    """The paragraphs as a formatted document whose body reads back as the same text."""
    document = docx.Document()
    for n, text in enumerate(paragraphs):
        if n % 40 == 0 and len(text) < 60:
            document.add_heading(text, level=2)
            continue
        if n % 97 == 50:  # a one-cell table holding the paragraph
            document.add_table(rows=1, cols=1).cell(0, 0).text = text
            continue
        paragraph = document.add_paragraph()
        cuts = sorted({0, len(text) // 3, len(text) // 2, (2 * len(text)) // 3, len(text)})
        for k, (a, b) in enumerate(itertools.pairwise(cuts)):
            run = paragraph.add_run(text[a:b])
            run.bold = k == 1
            run.italic = k == 2
    document.save(str(path))


def measure(*argv: object) -> dict[str, float]:
    """``python -m app ARGV`` measured (:func:`bench.measure.measured`): wall seconds, peak MB."""
    figures, stderr = measured([sys.executable, "-m", "app", *map(str, argv)], cwd=ROOT)
    if figures is None:
        raise SystemExit(f"{' '.join(map(str, argv))} failed: {stderr.strip()}")
    return {"wall": figures["wall"], "mb": figures["maxrss_kb"] / 1024}


def accept_all(project: Path) -> int:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        jiaokan(["loci", str(project), "--json"])
    ids = [str(d["id"]) for d in json.loads(out.getvalue())["divergences"]]
    with contextlib.redirect_stdout(io.StringIO()):
        code = jiaokan(["decide", str(project), *ids, "--accept", WITNESS])
    if code != 0:
        raise SystemExit("decide failed")
    return len(ids)


def best_read(path: Path, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        load_text(path)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1M")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    size = parse_size(args.size)
    case = make_case(size, args.seed, get_normalizer()[0])
    folder = Path(tempfile.mkdtemp(prefix="jiaokan-bench-word-"))
    variant = folder / f"{WITNESS}.txt"
    variant.write_text(case.variant, encoding="utf-8")
    text, word = folder / "source.txt", folder / "source.docx"
    text.write_text(case.source, encoding="utf-8")
    write_word(case.source.split("\n"), word)
    assert load_text(word).text == case.source, "the document must read as the text"
    log(f"{size_label(size)}: .docx {word.stat().st_size / 1e6:.1f} MB, in {folder}")

    rows: dict[str, dict[str, str]] = {}

    def cell(figures: dict[str, float]) -> str:
        return f"{figures['wall']:.2f} s, {figures['mb']:.0f} MB"

    rows["read the source (in process, best of 3)"] = {
        "txt": f"{best_read(text):.3f} s",
        "docx": f"{best_read(word):.3f} s",
    }
    projects = {}
    for kind, source in (("txt", text), ("docx", word)):
        project = folder / f"{kind}.jkproj"
        projects[kind] = project
        figures = measure("collate", source, variant, "--project", project)
        rows.setdefault("`collate --project` (read, collate, write the project)", {})[kind] = cell(
            figures
        )
        loci = accept_all(project)
    log(f"{loci} loci accepted")
    for kind, project in projects.items():
        out = folder / f"corrected-{kind}.txt"
        rows.setdefault("`export --text` (corrected text)", {})[kind] = cell(
            measure("export", project, "--text", out, "--utf8")
        )
        for tracked in (False, True):
            label = "`export --docx --tracked`" if tracked else "`export --docx` (corrected)"
            out = folder / f"{kind}-{'tracked' if tracked else 'corrected'}.docx"
            extra = ["--tracked"] if tracked else []
            rows.setdefault(label, {})[kind] = cell(
                measure("export", project, "--docx", out, *extra)
            )
    print(f"\n### Word documents, {size_label(size)} characters, {loci} loci accepted\n")
    print("| step | `.txt` source | `.docx` source |")
    print("|:--|--:|--:|")
    for step, cells in rows.items():
        print(f"| {step} | {cells.get('txt', '—')} | {cells.get('docx', '—')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
