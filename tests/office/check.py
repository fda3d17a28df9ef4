"""``make office-check``: LibreOffice opens every kind of Word document Jiaokan exports.

    .venv/bin/python -m tests.office.check [--keep DIR] [--picture PNG]

Builds two projects the way a proofreader would with the ``jiaokan`` command
line: a Word source (a heading, bold and italic runs, a change across two
runs, Chinese and Latin, a table, a paragraph one copy lacks, a sentence it
adds) against a plain-text copy, and a plain-text source against another.
It decides their loci (accept, reject, an own reading, notes), exports each
as a corrected ``.docx`` and as tracked changes, then has LibreOffice
(``tests/office/uno_views.py``, run by the system's Python with ``uno``)
open every document, save it as PDF and as text as it is, with all changes
accepted and with all rejected, and list its revisions and comments.

It fails (exit 1, one line per problem) when LibreOffice cannot open or
save a document, does not read it as Word, or when its text differs from
what the engine says: the corrected document and the accepted view of the
tracked one must be the corrected text, the rejected view the source; every
revision carries the proofreader's name and its decision's date; every note
is a comment.  ``--picture`` renders the first page of the Word source's
tracked document (pdftoppm) for docs/.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.shared import Pt

from app.cli.main import main as jiaokan
from app.export.text import corrected_text
from app.project.project import Project

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"
AUTHOR = "校对者 Li"
WORD_FILTER = "MS Word 2007 XML"


@dataclass
class Case:
    """One project and the decisions a proofreader makes in it."""

    name: str
    source: Path
    variant: Path
    accept: list[str] = field(default_factory=list)
    """The source texts of loci whose reading is accepted ("" for an insertion)."""
    reject: list[str] = field(default_factory=list)
    edit: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


def _word_source(folder: Path) -> Path:
    document = docx.Document()
    document.add_heading("千字文", level=1)
    paragraph = document.add_paragraph()
    paragraph.add_run("天地玄黄，")
    paragraph.add_run("宇宙洪荒。").bold = True
    paragraph.add_run("日月盈昃，").italic = True
    last = paragraph.add_run("辰宿列张。")
    last.font.size = Pt(14)
    document.add_paragraph("寒来暑往，秋收冬藏。Latin text here: the quick brown fox.")
    document.add_paragraph("闰余成岁，律吕调阳。")
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {
        (0, 0): "云腾致雨，",
        (0, 1): "露结为霜。",
        (1, 0): "金生丽水，",
        (1, 1): "玉出昆冈。",
    }.items():
        table.cell(row, col).text = text
    document.add_paragraph("剑号巨阙，珠称夜光。")
    path = folder / "002_4ea96290340b9324 千字文.docx"
    document.save(str(path))
    return path


def _cases(folder: Path) -> list[Case]:
    word = _word_source(folder)
    copy = folder / "乙本.txt"
    copy.write_text(
        "千字文\n天地玄皇，宇宙洪荒；曰月盈仄，辰宿列张。\n"
        "寒来暑往，秋收冬藏。Latin text hear: the quick brown fox.\n"
        "云腾致雨，\n露结为霜。\n金生丽水，\n玉出昆岗。\n剑号巨阙，珠称夜光。果珍李柰。",
        encoding="utf-8",
    )
    text_source = folder / "甲本.txt"
    text_source.write_text("天地玄黄，宇宙洪荒。\n日月盈昃，辰宿列张。\n寒来暑往。", "utf-8")
    text_copy = folder / "丙本.txt"
    text_copy.write_text("天地玄皇，宇宙洪荒。\n日月盈仄，辰宿列张。\n寒来暑往，秋收。", "utf-8")
    return [
        Case(
            "word",
            word,
            copy,
            accept=["黄", "。日", "e", "闰余成岁，律吕调阳。", ""],
            reject=["昃"],
            edit={"冈": "岡"},
            notes={"黄": "据乙本改", "": "乙本多此句，存疑", "昃": "昃字不误"},
        ),
        Case(
            "text",
            text_source,
            text_copy,
            accept=["黄", ""],
            reject=["昃"],
            notes={"黄": "形近而误"},
        ),
    ]


def _run(*argv: object) -> str:
    """``jiaokan ARGV`` in this process; its stdout, or a failure with its stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = jiaokan([str(a) for a in argv])
    if code != 0:
        raise SystemExit(f"jiaokan {' '.join(map(str, argv))}: {err.getvalue().strip()}")
    return out.getvalue()


def _decide(case: Case, project: Path) -> None:
    loci = json.loads(_run("loci", project, "--json"))["divergences"]
    by_source: dict[str, list[int]] = {}
    for locus in loci:
        by_source.setdefault(locus["source_text"], []).append(locus["id"])
    wanted = {*case.accept, *case.reject, *case.edit, *case.notes}
    missing = sorted(t for t in wanted if t not in by_source)
    if missing:
        found = sorted(by_source)
        raise SystemExit(f"{case.name}: no locus at {missing!r} (the loci are at {found!r})")
    how: dict[str, list[str]] = {text: ["--accept", case.variant.stem] for text in case.accept}
    how.update({text: ["--reject"] for text in case.reject})
    how.update({text: ["--reading", reading] for text, reading in case.edit.items()})
    for text, decision in how.items():
        first, *others = by_source[text]
        note = case.notes.get(text)
        _run("decide", project, first, *decision, *(["--note", note] if note else []))
        if others:
            _run("decide", project, *others, *decision)


@dataclass(frozen=True)
class Expected:
    corrected: str
    source: str
    notes: tuple[str, ...]
    dates: tuple[str, ...]


def _export(case: Case, folder: Path) -> tuple[dict[Path, bool], Expected]:
    project = folder / f"{case.name}.jkproj"
    _run("collate", case.source, case.variant, "--project", project)
    _decide(case, project)
    exported = {}
    for tracked in (False, True):
        out = folder / f"{case.name}-{'tracked' if tracked else 'corrected'}.docx"
        extra = ["--tracked"] if tracked else []
        _run("export", project, "--docx", out, *extra, "--author", AUTHOR)
        exported[out] = tracked
    with Project.open(project, read_only=True) as opened:
        data = opened.export_input()
        decided = [locus.decision for locus in data.loci if locus.decision.decided]
        expected = Expected(
            corrected_text(data),
            data.source_text,
            tuple(sorted(d.note for d in decided if d.note)),
            tuple(sorted({d.decided_at[:10] for d in decided})),
        )
    return exported, expected


def _office(documents: list[Path], folder: Path) -> dict[str, Any]:
    report = folder / "office.json"
    command = [SYSTEM_PYTHON, str(HERE / "uno_views.py"), str(report), *map(str, documents)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise SystemExit(f"LibreOffice failed: {(done.stderr or done.stdout).strip()[-500:]}")
    return dict(json.loads(report.read_text(encoding="utf-8")))


def _problems(path: Path, tracked: bool, seen: dict[str, Any], expected: Expected) -> list[str]:
    name = path.name
    if "error" in seen:
        return [f"{name}: LibreOffice: {seen['error']}"]
    problems = []
    if seen["filter"] != WORD_FILTER:
        problems.append(f"{name}: LibreOffice read it with {seen['filter']!r}, not as Word")
    pdf = Path(seen["pdf"])
    if not pdf.is_file() or pdf.stat().st_size < 1000:
        problems.append(f"{name}: no PDF")

    def same(view: str, want: str) -> None:
        got = seen[view].removesuffix("\n")  # LibreOffice ends the text with a line break
        if got != want:
            problems.append(f"{name}: the {view} text is {got!r}, expected {want!r}")

    revisions = seen["revisions"]
    if tracked:
        same("accepted", expected.corrected)
        same("rejected", expected.source)
        if not revisions:
            problems.append(f"{name}: no tracked changes")
        for revision in revisions:
            if revision["author"] != AUTHOR or revision["date"][:10] not in expected.dates:
                problems.append(f"{name}: a revision by {revision['author']} on {revision['date']}")
    else:
        for view in ("shown", "accepted", "rejected"):
            same(view, expected.corrected)
        if revisions:
            problems.append(f"{name}: {len(revisions)} tracked changes in the corrected document")
    notes = tuple(sorted(c["text"] for c in seen["comments"]))
    if notes != expected.notes:
        problems.append(f"{name}: the comments are {notes!r}, the notes {expected.notes!r}")
    if any(c["author"] != AUTHOR for c in seen["comments"]):
        problems.append(f"{name}: a comment not by {AUTHOR}")
    return problems


def _picture(pdf: Path, out: Path) -> None:
    stem = out.with_suffix("")
    page = ["-f", "1", "-l", "1", "-singlefile"]
    subprocess.run(
        ["pdftoppm", "-png", "-hide-annotations", "-r", "96", *page, pdf, stem],
        check=True,
        timeout=120,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--picture", type=Path, help="render the tracked Word page here (PNG)")
    args = parser.parse_args(argv)
    if shutil.which("soffice") is None or not Path(SYSTEM_PYTHON).exists():
        print("office-check: LibreOffice (soffice) and the system's python3-uno are needed")
        return 1
    folder = args.keep or Path(tempfile.mkdtemp(prefix="jiaokan-office-check-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        exported: dict[Path, tuple[bool, Expected]] = {}
        for case in _cases(folder):
            documents, expected = _export(case, folder)
            exported.update({path: (tracked, expected) for path, tracked in documents.items()})
        seen = _office(list(exported), folder)
        problems = []
        for path, (tracked, expected) in exported.items():
            problems += _problems(path, tracked, seen[str(path.resolve())], expected)
            status = "FAIL" if any(p.startswith(path.name) for p in problems) else "ok"
            counts = seen[str(path.resolve())]
            print(
                f"{status:4} {path.name}: {len(counts.get('revisions', []))} tracked changes,"
                f" {len(counts.get('comments', []))} comments"
            )
        if args.picture:
            _picture(folder / "word-tracked.pdf", args.picture)
            print(f"picture: {args.picture}")
        for problem in problems:
            print(f"office-check: {problem}")
        return 1 if problems else 0
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
