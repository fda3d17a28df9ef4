"""The Page tab: the current divergence on its page of a PDF or a scan.

The page is the source's when the source is a PDF proof or a scan; else the
shown witness's when that is one (a scan collated against its manuscript).
It is drawn off the GUI thread, by PDFium or Pillow (a short-lived daemon
thread per page, its result delivered as a queued signal) and kept in a small cache,
so stepping through divergences with F8 never waits for a drawing: the page
shows its boxes at once and its picture when it arrives.  A click on the page
selects the divergence whose characters are there (or the nearest one on that
page).  Only drawn while the tab is showing.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QImage

from app.collation.loci import Locus
from app.text.loading import LoadedText
from app.text.pages import Box, PageMap, Where
from app.text.pdf import Rendered, is_pdf_document, render_page
from app.text.scans import draw_image_page
from ui.widgets.page_view import PageView
from ui.window.host import Host

if TYPE_CHECKING:
    from ui.window.projects import Projects

CACHED_PAGES = 12
"""Pages kept drawn: the pages around the divergences a proofreader steps through."""

Key = tuple[str, int, int]
"""(the PDF's or scan's SHA-256, page, width in pixels)."""


def render(document: bytes, page: int, width: int) -> Rendered | None:
    """A page of a PDF or of a scan image drawn ``width`` pixels wide, or ``None``."""
    if is_pdf_document(document):
        return render_page(document, page, width)
    drawn = draw_image_page(document, page, width)
    if drawn is None:
        return None
    wide, high, pixels = drawn
    return Rendered(wide, high, wide * 3, pixels, 1.0)


class PageTab(QObject):
    """Shows the session's current divergence in a :class:`PageView`."""

    rendered = Signal(object, object)  # Key, Rendered | None: from the drawing thread
    drawn = Signal(int)
    """A page's picture is shown (its number): for the tests, and nothing else."""

    def __init__(self, host: Host, view: PageView, projects: Projects) -> None:
        super().__init__(view)
        self.host = host
        self.view = view
        self.projects = projects
        self.active = False
        self._images: OrderedDict[Key, QImage | None] = OrderedDict()
        self._pending: set[Key] = set()
        self._loci_pages: tuple[object, dict[int, list[tuple[int, tuple[Box, ...]]]]] | None
        self._loci_pages = None
        """(the collation and the text shown, every divergence's boxes by page)."""
        self.rendered.connect(self._on_rendered)
        view.clicked.connect(self._on_clicked)

    def set_active(self, active: bool) -> None:
        """The tab is shown (draw) or hidden (draw nothing)."""
        self.active = active
        if active:
            self.refresh()

    def shown_text(self) -> tuple[str | None, LoadedText, PageMap, bytes] | None:
        """The text whose pages are shown: ``(witness id or None for the source, the text,
        its page map, its document)``, or ``None`` when neither has pages."""
        ws = self.host.session.workspace
        if ws.source is None:
            return None
        candidates: list[tuple[str | None, LoadedText]] = [(None, ws.source)]
        wid = self.host.session.witness
        if wid is not None and wid in ws.witness_ids:
            candidates.append((wid, ws.witness(wid).loaded))
        for who, loaded in candidates:
            pages = self.projects.pages_of(loaded)
            document = self.projects.document_of(loaded)
            if pages is not None and document is not None:
                return who, loaded, pages, document
        return None

    def refresh(self) -> None:
        """Show the current divergence's page, with its boxes and the page's others."""
        if not self.active:
            return
        shown = self.shown_text()
        if shown is None:
            self.view.show_message(
                QCoreApplication.translate(
                    "PageTab",
                    "The page is shown when the source or the witness is a PDF or a scan.",
                )
            )
            return
        who, loaded, pages, document = shown
        locus = self.host.session.current_locus()
        if locus is None:
            self.view.show_message(
                QCoreApplication.translate("PageTab", "Select a divergence to see its page.")
            )
            return
        where = self._where(who, pages, locus)
        others = [
            box
            for locus_id, boxes in self._on_page(who, pages).get(where.page, [])
            if locus_id != locus.id
            for box in boxes
        ]
        key = (loaded.sha256, where.page, self._width())
        image = self._images.get(key)
        size = pages.page_sizes[where.page - 1]
        self.view.show_page(where.page, size, image, where.boxes, others)
        if key not in self._images and key not in self._pending:
            self._draw(key, document)
        elif image is not None:
            self.drawn.emit(where.page)

    def _where(self, who: str | None, pages: PageMap, locus: Locus) -> Where:
        """Where the divergence is on the shown text's pages: its own span, or for a witness
        that reads as the source here, the point the source's span stands against."""
        if who is None:
            return pages.where(locus.start, locus.end)
        if who in locus.spans:
            return pages.where(*locus.spans[who])
        collation = self.host.session.collation
        if collation is not None and who in collation.alignments:
            at = min(collation.alignments[who].to_witness(locus.start), len(pages))
            return pages.where(at, at)
        return pages.where(0, 0)

    def _width(self) -> int:
        """Pixels to draw the page at: the view's width on a high-density screen, in steps
        of 200 so a resize does not draw every page again."""
        pixels = int(self.view.width() * self.view.devicePixelRatioF())
        return max(400, min(2400, (pixels + 199) // 200 * 200))

    def _draw(self, key: Key, document: bytes) -> None:
        self._pending.add(key)
        emit = self.rendered.emit

        def work() -> None:
            result = render(document, key[1], key[2])
            with contextlib.suppress(RuntimeError):  # the window is gone
                emit(key, result)

        threading.Thread(target=work, name="jiaokan-page", daemon=True).start()

    def _on_rendered(self, key: Key, result: Rendered | None) -> None:
        self._pending.discard(key)
        image = None
        if result is not None:
            image = QImage(
                result.pixels, result.width, result.height, result.stride,
                QImage.Format.Format_RGB888,
            ).copy()  # fmt: skip
        self._images[key] = image
        while len(self._images) > CACHED_PAGES:
            self._images.popitem(last=False)
        if self.active and self.view.page == key[1]:
            self.refresh()

    def _on_page(
        self, who: str | None, pages: PageMap
    ) -> dict[int, list[tuple[int, tuple[Box, ...]]]]:
        """Every divergence's boxes by page on the shown text, worked out once per
        collation and text."""
        collation = self.host.session.collation
        if self._loci_pages is None or self._loci_pages[0] != (collation, who):
            by_page: dict[int, list[tuple[int, tuple[Box, ...]]]] = {}
            for locus in collation.loci if collation is not None else ():
                if who is not None and who not in locus.spans:
                    continue
                where = self._where(who, pages, locus)
                by_page.setdefault(where.page, []).append((locus.id, where.boxes))
                for page, boxes in where.continued:
                    by_page.setdefault(page, []).append((locus.id, boxes))
            self._loci_pages = ((collation, who), by_page)
        return self._loci_pages[1]

    def _on_clicked(self, page: int, x: float, y: float) -> None:
        """Select the divergence whose characters are at the click, or the nearest one."""
        shown = self.shown_text()
        if shown is None:
            return
        who, _loaded, pages, _document = shown
        best: tuple[float, int] | None = None
        for locus_id, boxes in self._on_page(who, pages).get(page, []):
            for box in boxes:
                dx = max(box.left - x, 0.0, x - box.right)
                dy = max(box.bottom - y, 0.0, y - box.top)
                distance = dx * dx + dy * dy
                if best is None or distance < best[0]:
                    best = (distance, locus_id)
        if best is not None:
            self.host.session.select(best[1])
