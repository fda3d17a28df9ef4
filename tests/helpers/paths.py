"""Where the tests find the repository's files, wherever a test module sits in tests/."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The repository's root (tests/helpers/ is two below it)."""
RESOURCES = ROOT / "resources"
PDF_FIXTURES = ROOT / "tests" / "pdf" / "fixtures"
OCR_FIXTURES = ROOT / "tests" / "ocr" / "fixtures"
