"""Regenerate the committed PDF fixtures: ``.venv/bin/python -m tests.pdf.make_fixtures``.

Writes ``tests/pdf/fixtures/manuscript.docx`` (the manuscript) and ``proof.pdf``
(the manuscript with :data:`~tests.pdf.manuscript.SMALL_SLIPS`, typeset by
LibreOffice headless).  Needs soffice; the fast tests only read the files.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.pdf.manuscript import SMALL, SMALL_SLIPS, typeset

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def main() -> None:
    FIXTURES.mkdir(exist_ok=True)
    SMALL.save(FIXTURES / "manuscript.docx")
    with tempfile.TemporaryDirectory() as work:
        proof = Path(work) / "proof.docx"
        SMALL.slipped(SMALL_SLIPS).save(proof)
        typeset(proof, Path(work)).replace(FIXTURES / "proof.pdf")
    print(f"wrote {FIXTURES}/manuscript.docx and proof.pdf")


if __name__ == "__main__":
    main()
