"""Every kind of output a project is exported as, and the one place that writes each.

The window's File ▸ Export and ``jiaokan export`` offer the same outputs; each
used to choose the writer for a kind itself, and one could learn a kind (or
an option of one) the other did not.  Both now name an :class:`Output` and
call :func:`write_output`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from app.export.apparatus import write_csv
from app.export.data import ExportInput
from app.export.pdf import write_pdf
from app.export.report import write_report
from app.export.text import write_text
from app.export.word import DEFAULT_AUTHOR, write_docx
from app.store.paths import check_distinct, check_output


class Output(StrEnum):
    TEXT = "text"
    """The corrected text, in the source's encoding and line endings (or UTF-8)."""
    WORD = "word"
    """The source as a Word document with every decision applied."""
    TRACKED = "tracked"
    """The same, every change a tracked change (修订) to accept or reject."""
    PDF = "pdf"
    """The PDF proof with a standard mark per correction."""
    REPORT = "report"
    """The HTML collation report."""
    CSV = "csv"
    """The apparatus as CSV."""


@dataclass(frozen=True)
class Options:
    """How the outputs that take options are written."""

    utf8: bool = False
    """The corrected text as UTF-8 rather than in the source's encoding."""
    author: str = DEFAULT_AUTHOR
    """The name on Word revisions and comments and on PDF marks."""


def write_output(kind: Output, data: ExportInput, path: Path, options: Options = Options()) -> None:
    """Write one output (``ExportError``, nothing written, if it cannot be)."""
    if kind is Output.TEXT:
        write_text(data, path, utf8=options.utf8)
    elif kind in (Output.WORD, Output.TRACKED):
        write_docx(data, path, tracked=kind is Output.TRACKED, author=options.author)
    elif kind is Output.PDF:
        write_pdf(data, path, author=options.author)
    elif kind is Output.REPORT:
        write_report(data, path)
    else:
        write_csv(data, path)


def write_outputs(
    data: ExportInput, targets: Sequence[tuple[Output, Path]], options: Options = Options()
) -> None:
    """Several outputs of one command: every target is checked before the first is
    written (named twice, or landing on the project or one of its texts), so a refusal
    leaves nothing half done."""
    check_distinct([str(path) for _, path in targets])
    for _, path in targets:
        check_output(path, data.owned())
    for kind, path in targets:
        write_output(kind, data, path, options)
