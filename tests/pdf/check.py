"""``make pdf-check``: a proof made as a publisher makes one, and real readers of the marks.

    .venv/bin/python -m tests.pdf.check [--keep DIR] [--picture PNG]

1. The manuscript is the real speech in ../shared/corpus as a Word document
   (python-docx: running head, page-number field, justified paragraphs, a
   two-column section, a table); the proof is the same document with known
   slips put in, typeset to PDF by LibreOffice headless.
2. ``jiaokan collate`` of the proof against the manuscript must find exactly
   the slips, each on the page where poppler's ``pdftotext`` finds it.
3. Every slip is decided (accepted, one with a note, one an own reading, one
   rejected) and ``jiaokan export --pdf`` writes the marked proof.
4. pdf.js (npm ``pdfjs-dist``, run by node: ``tests/pdf/annotations.mjs``) must
   list one StrikeOut or Caret per accepted or edited slip on its page, with the
   proofreader's name and the reading as its comment, and the note as a reply;
   PDFium reads the same marks back; ``pdftotext`` of the marked proof is the
   proof's, character for character (the page content is untouched).
5. ``--picture`` renders the first marked page with poppler's ``pdftoppm``.

It fails (exit 1, one line per problem).  Needs soffice, pdftotext/pdftoppm and
node with tests/pdf/node_modules (``npm ci --prefix tests/pdf``): .ci/run installs
them.  Acrobat, Foxit and WPS cannot run here (no Windows, no network licence).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from app.cli.main import main as jiaokan
from app.project.project import Project
from tests.pdf.manuscript import Manuscript, typeset

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "000_3cf06c38faf44306.txt"
AUTHOR = "校对者 李"

SLIPS: list[tuple[str, str]] = [
    ("挑战人的免疫机能", "挑战人的免役机能"),  # 音近, page 1
    ("船的力量在帆上", "船的力量在帆"),  # a character left out
    ("开战就是决战", "开战就是决战战"),  # doubled
    ("桃源社区", "桃园社区"),  # in the two-column section
    ("配送物资", "配送物质"),  # in the table
    ("暖心安心放心", "安心暖心放心"),  # a transposition after the table
]
"""``(manuscript, proof)``: what the typesetter got wrong, each unique in the speech."""


def manuscript() -> Manuscript:
    lines = [line.strip() for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]
    return Manuscript(
        head=lines[0],
        body=lines[1:14],
        columns=lines[16:21],
        table=[
            ["岗位", "人员", "职责"],
            ["楼栋长", "网格员", "排查登记"],
            ["志愿者", "党员", "配送物资"],
        ],
        after=lines[21:30],
    )


class Check:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.problems: list[str] = []

    def fail(self, problem: str) -> None:
        self.problems.append(problem)

    def run(self, picture: Path | None) -> None:
        text = manuscript()
        cells = [cell for row in text.table for cell in row]
        whole = "\n".join([*text.body, *text.columns, *text.after, *cells])
        for old, _new in SLIPS:
            if whole.count(old) != 1:
                self.fail(f"the slip {old!r} is not once in the manuscript")
        original = self.work / "原稿.docx"
        text.save(original)
        proof_docx = self.work / "清样.docx"
        text.slipped(SLIPS).save(proof_docx)
        proof = typeset(proof_docx, self.work)
        project = self.work / "清样.jkproj"
        doc = self._json("collate", proof, original, "--json", "--project", project, "--replace")
        self._slips_found(doc, proof)
        self._decide(project)
        marked = self.work / "清样-marked.pdf"
        self._cli("export", project, "--pdf", marked, "--author", AUTHOR)
        self._marks_read(proof, marked)
        if picture is not None:
            self._picture(marked, picture)

    # -- the collation ----------------------------------------------------------------

    def _slips_found(self, doc: dict[str, Any], proof: Path) -> None:
        found = Counter(
            (d["source_text"], d["readings"].get("原稿", "")) for d in doc["divergences"]
        )
        expected = Counter(_divergence(old, new) for old, new in SLIPS)
        if found != expected:
            extra = sorted((found - expected).elements())
            missing = sorted((expected - found).elements())
            self.fail(f"divergences are not exactly the slips: extra {extra}, missing {missing}")
        pages = _pages_text(proof)
        for d in doc["divergences"]:
            slip = next(
                (new for old, new in SLIPS if _divergence(old, new) == (d["source_text"],
                 d["readings"].get("原稿", ""))),
                None,
            )  # fmt: skip
            if slip is None:
                continue
            on = [n for n, page in enumerate(pages, 1) if slip in page]
            if d.get("page") not in on:
                self.fail(f"{slip!r} is on page {on} by pdftotext, {d.get('page')} by jiaokan")
            if not d.get("boxes"):
                self.fail(f"{slip!r} has no boxes")

    def _decide(self, project: Path) -> None:
        with Project.open(project, read_only=True) as opened:
            ids = {loc.source_text: loc.id for loc in opened.loci}
        how_each = [
            ["--accept", "原稿", "--note", "据原稿改：免疫"],
            ["--accept", "原稿"],
            ["--accept", "原稿"],
            ["--reading", "源"],  # an own reading, the same as the manuscript's
            ["--accept", "原稿"],
            ["--reject"],  # no mark
        ]
        decisions = {_divergence(*slip)[0]: how for slip, how in zip(SLIPS, how_each, strict=True)}
        for source_text, how in decisions.items():
            if source_text not in ids:
                self.fail(f"no divergence {source_text!r} to decide")
                continue
            self._cli("decide", project, ids[source_text], *how)

    # -- the marks, read by others ------------------------------------------------------

    def _marks_read(self, proof: Path, marked: Path) -> None:
        listed = _pdfjs(marked)
        got = sorted((a["type"], a["contents"], a["author"]) for a in listed)
        want = sorted(
            [
                ("StrikeOut", "疫（同音/音近）", AUTHOR),
                ("Text", "据原稿改：免疫", AUTHOR),
                ("Caret", "上（漏字）", AUTHOR),
                ("StrikeOut", "删除（重复）", AUTHOR),
                ("StrikeOut", "源（同音/音近）", AUTHOR),
                ("StrikeOut", "资（同音/音近）", AUTHOR),
            ]
        )
        if got != want:
            self.fail(f"pdf.js lists {got}, not {want}")
        if not all(a["hasAppearance"] for a in listed):
            self.fail("pdf.js finds a mark without an appearance stream")
        note = next((a for a in listed if a["type"] == "Text"), None)
        if note is None or note["replyType"] != "R" or not note["inReplyTo"]:
            self.fail(f"the note is not a reply to its mark: {note}")
        read_back = _pdfium_marks(marked)
        if sorted(read_back) != sorted((a["page"], a["type"]) for a in listed):
            self.fail(f"PDFium reads {sorted(read_back)}, pdf.js {len(listed)} marks")
        if _pages_text(marked) != _pages_text(proof):
            self.fail("pdftotext reads the marked proof differently from the proof")

    def _picture(self, marked: Path, picture: Path) -> None:
        first = min(a["page"] for a in _pdfjs(marked))
        stem = self.work / "page"
        subprocess.run(
            ["pdftoppm", "-r", "90", "-f", str(first), "-l", str(first), "-png", "-singlefile",
             str(marked), str(stem)],
            check=True, timeout=120,
        )  # fmt: skip
        shutil.copy(stem.with_suffix(".png"), picture)

    # -- the command line ---------------------------------------------------------------

    def _cli(self, *argv: object) -> str:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = jiaokan([str(a) for a in argv])
        if code != 0:
            self.fail(f"jiaokan {argv[0]} exited {code}: {err.getvalue().strip()}")
        return out.getvalue()

    def _json(self, *argv: object) -> dict[str, Any]:
        out = self._cli(*argv)
        try:
            return dict(json.loads(out))
        except ValueError:
            self.fail(f"jiaokan {argv[0]} printed no JSON")
            return {"divergences": []}


def _divergence(old: str, new: str) -> tuple[str, str]:
    """The divergence a slip makes: the proof's text against the manuscript's, without
    the characters both share at either end."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return new[start : len(new) - end], old[start : len(old) - end]


def _pages_text(pdf: Path) -> list[str]:
    """Each page's text as poppler's pdftotext reads it, without whitespace."""
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    return [re.sub(r"\s+", "", page) for page in done.stdout.decode("utf-8").split("\f")[:-1]]


def _pdfjs(pdf: Path) -> list[dict[str, Any]]:
    done = subprocess.run(
        ["node", str(HERE / "annotations.mjs"), str(pdf)],
        capture_output=True, check=True, timeout=120, cwd=HERE,
    )  # fmt: skip
    last = done.stdout.decode("utf-8").strip().splitlines()[-1]
    return list(json.loads(last))


def _pdfium_marks(pdf: Path) -> list[tuple[int, str]]:
    names = {raw.FPDF_ANNOT_STRIKEOUT: "StrikeOut", raw.FPDF_ANNOT_CARET: "Caret",
             raw.FPDF_ANNOT_TEXT: "Text"}  # fmt: skip
    document = pdfium.PdfDocument(pdf)
    out = []
    for index in range(len(document)):
        page = document[index]
        for k in range(raw.FPDFPage_GetAnnotCount(page.raw)):
            annot = raw.FPDFPage_GetAnnot(page.raw, k)
            out.append((index + 1, names.get(raw.FPDFAnnot_GetSubtype(annot), "?")))
            raw.FPDFPage_CloseAnnot(annot)
    document.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="work in this folder and leave it there")
    parser.add_argument("--picture", type=Path, help="render the first marked page here")
    args = parser.parse_args()
    missing = [
        tool for tool in ("soffice", "pdftotext", "pdftoppm", "node") if not shutil.which(tool)
    ]
    if missing or not (HERE / "node_modules" / "pdfjs-dist").is_dir():
        print(f"pdf-check: needs {', '.join(missing) or 'npm ci --prefix tests/pdf'}")
        return 1
    with tempfile.TemporaryDirectory() as temp:
        work = args.keep or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        check = Check(work)
        check.run(args.picture)
    for problem in check.problems:
        print(f"pdf-check: {problem}")
    print(f"pdf-check: {1 - bool(check.problems)} passed, {int(bool(check.problems))} failed")
    return 1 if check.problems else 0


if __name__ == "__main__":
    sys.exit(main())
