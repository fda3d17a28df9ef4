"""Placeholder for the Word export (issue 15), written on the ``wordout`` branch.

Only the two names the window codes against; the real module replaces this
file at merge.
"""

from __future__ import annotations

from app.project.export import ExportInput, StrPath

DEFAULT_AUTHOR = "Jiaokan"
"""The author of tracked changes and comments when the proofreader has given no name."""


def write_docx(
    data: ExportInput, path: StrPath, *, tracked: bool, author: str = DEFAULT_AUTHOR
) -> None:
    """Write the corrected source document (or the corrections as tracked changes)."""
    raise NotImplementedError("write_docx comes with the wordout branch")
