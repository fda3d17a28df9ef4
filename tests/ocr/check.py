"""``make ocr-check``: a proof made as a publisher makes one, scanned, and read back by OCR.

    .venv/bin/python -m tests.ocr.check [--keep DIR]

1. The manuscript is the real speech in ../shared/corpus as a Word document, and
   the proof the same with six known slips, typeset by LibreOffice headless
   (``tests/pdf/check.py`` makes both the same way).
2. poppler's ``pdftoppm`` draws the proof's pages at 300 dpi in grey; each page is
   made rough as a scanner and an old proof make it (turned by up to 0.6°, blurred,
   speckled with noise, kept as a JPEG of quality 75) and the pages go into one
   multi-page TIFF: the scanned witness.
3. With the network cut off (``unshare -n``) and an empty cache, ``jiaokan collate``
   of the manuscript against the scan must find every slip; the OCR's own
   misreadings are counted as the divergences of the proof's text layer against
   the scan, per 100 characters of the proof, exactly and under the default rules,
   and how many of them the engine marks (``ocr_doubt``).
4. A second run reads the scan from the user's cache: no OCR.

It fails (exit 1, one line per problem).  Needs soffice, pdftoppm and unshare:
.ci/run installs the first two; unshare is util-linux's.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy
from PIL import Image, ImageFilter

from tests.pdf.check import SLIPS, _divergence, manuscript
from tests.pdf.manuscript import typeset

ROOT = Path(__file__).resolve().parent.parent.parent
DPI = 300
MAX_MISREAD = 2.0
"""OCR misreadings per 100 characters of the rough scan, under the default rules, that
fail the check (measured: see docs/ocr.md)."""


def rough(page: Image.Image, seed: int) -> Image.Image:
    """A clean drawn page as a scan of a used proof: slightly turned (up to 0.6°), soft
    (a blur of 0.8 pixel), on grey paper, with noise (σ 12 of 255) and dark specks, kept
    as a JPEG of quality 75."""
    chance = random.Random(seed)
    turned = page.rotate(chance.uniform(-0.6, 0.6), resample=Image.Resampling.BICUBIC,
                         fillcolor=255, expand=False)  # fmt: skip
    soft = turned.filter(ImageFilter.GaussianBlur(0.8))
    noise = numpy.random.default_rng(seed)
    pixels = numpy.asarray(soft, dtype=numpy.float32) * 0.92 + 12
    pixels += noise.normal(0.0, 12.0, pixels.shape)
    height, width = pixels.shape
    count = width * height // 3000
    pixels[noise.integers(0, height, count), noise.integers(0, width, count)] = 60.0
    scanned = Image.fromarray(numpy.clip(pixels, 0, 255).astype(numpy.uint8))
    kept = io.BytesIO()  # as a scanner's JPEG keeps it
    scanned.save(kept, "JPEG", quality=75)
    with Image.open(kept) as jpeg:  # its pixels only: a JPEG's own tags upset libtiff
        return Image.fromarray(numpy.asarray(jpeg))


class Check:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.problems: list[str] = []
        self.figures: list[str] = []

    def fail(self, problem: str) -> None:
        self.problems.append(problem)

    def run(self) -> None:
        text = manuscript()
        original = self.work / "原稿.docx"
        text.save(original)
        proof_docx = self.work / "清样.docx"
        text.slipped(SLIPS).save(proof_docx)
        proof = typeset(proof_docx, self.work)
        scan = self._scan(proof)
        cache = self.work / "cache"
        started = time.monotonic()
        cpu = os.times()
        doc = self._json(["collate", str(original), str(scan), "--json"], cache, offline=True)
        after = os.times()
        seconds = time.monotonic() - started
        used = after.children_user + after.children_system - cpu.children_user - cpu.children_system
        pages = doc["witnesses"][0]["chars"] if doc["witnesses"] else 0
        self.figures.append(
            f"read {self.pages} rough 300-dpi pages ({pages} characters) offline in "
            f"{seconds:.1f} s ({used:.1f} s CPU)"
        )
        self._slips_found(doc)
        self._misreadings(proof, scan, cache)
        again = time.monotonic()
        self._json(["collate", str(original), str(scan), "--json"], cache, offline=False)
        self.figures.append(f"read again from the cache in {time.monotonic() - again:.1f} s")

    def _scan(self, proof: Path) -> Path:
        stem = self.work / "page"
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-gray", "-png", str(proof), str(stem)],
            check=True, timeout=300,
        )  # fmt: skip
        drawn = sorted(self.work.glob("page-*.png"))
        self.pages = len(drawn)
        pages = []
        for k, path in enumerate(drawn):
            with Image.open(path) as page:
                pages.append(rough(page.convert("L"), k))
        scan = self.work / "扫描.tiff"
        pages[0].save(scan, save_all=True, append_images=pages[1:], compression="tiff_deflate",
                      dpi=(DPI, DPI))  # fmt: skip
        return scan

    def _slips_found(self, doc: dict[str, Any]) -> None:
        wid = doc["witnesses"][0]["id"]
        found = {(d["source_text"], d["readings"].get(wid)) for d in doc["divergences"]}
        for old, new in SLIPS:
            slip = _divergence(new, old)  # the manuscript is the source here
            if slip not in found and not any(
                slip[0] in source and slip[1] in (reading or "") for source, reading in found
            ):
                self.fail(f"the slip {old!r} → {new!r} is not found in the scan")
        flagged = [
            d for d in doc["divergences"]
            if "ocr_doubt" in d.get("witness_pages", {}).get(wid, {})
        ]  # fmt: skip
        self.figures.append(
            f"{len(doc['divergences'])} divergences of the manuscript and the scan, "
            f"{len(SLIPS)} of them the slips; {len(flagged)} marked OCR存疑"
        )

    def _misreadings(self, proof: Path, scan: Path, cache: Path) -> None:
        for rules in ("none", None):
            argv = ["collate", str(proof), str(scan), "--json"]
            if rules is not None:
                argv += ["--rules", rules]
            doc = self._json(argv, cache, offline=False)
            wid = doc["witnesses"][0]["id"] if doc["witnesses"] else ""
            chars = doc["source"]["chars"] or 1
            wrong = sum(
                max(len(d["source_text"]), len(d["readings"].get(wid, "")))
                for d in doc["divergences"]
            )
            per_100 = 100 * wrong / chars
            marked = [
                d for d in doc["divergences"]
                if "ocr_doubt" in d.get("witness_pages", {}).get(wid, {})
            ]  # fmt: skip
            how = "exactly" if rules == "none" else "under the default rules"
            self.figures.append(
                f"OCR misread {per_100:.2f} characters per 100 {how} ({wrong} of {chars}, "
                f"{len(doc['divergences'])} divergences, {len(marked)} marked OCR存疑)"
            )
            if rules is None and per_100 > MAX_MISREAD:
                self.fail(f"OCR misread {per_100:.2f} per 100 characters (at most {MAX_MISREAD})")

    def _json(self, argv: list[str], cache: Path, *, offline: bool) -> dict[str, Any]:
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        command = [sys.executable, "-m", "app", *argv]
        if offline:
            command = ["unshare", "-n", *command]  # no network at all, not even loopback
        done = subprocess.run(command, capture_output=True, cwd=ROOT, env=env, timeout=900)
        if done.returncode != 0:
            why = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
            self.fail(f"jiaokan {' '.join(argv[:1])} exited {done.returncode}: {why}")
            return {"divergences": [], "witnesses": [], "source": {"chars": 0}}
        return dict(json.loads(done.stdout))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="work in this folder and leave it there")
    args = parser.parse_args()
    missing = [tool for tool in ("soffice", "pdftoppm", "unshare") if not shutil.which(tool)]
    if missing:
        print(f"ocr-check: needs {', '.join(missing)}")
        return 1
    with tempfile.TemporaryDirectory() as temp:
        work = args.keep or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        check = Check(work)
        check.run()
    for figure in check.figures:
        print(f"ocr-check: {figure}")
    for problem in check.problems:
        print(f"ocr-check: {problem}")
    print(f"ocr-check: {1 - bool(check.problems)} passed, {int(bool(check.problems))} failed")
    return 1 if check.problems else 0


if __name__ == "__main__":
    sys.exit(main())
